"""The Nu Html Checker (vnu, the W3C's validator), run offline from
node_modules: Java and `npm ci` are needed, and without them a test fails,
never skips."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_command():
    """How to run vnu here, or a failure that says what to install."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "The HTML validity test needs Java 11 or newer for the Nu Html Checker: "
            "install it (Debian/Ubuntu: sudo apt-get install default-jre-headless) "
            "or run bin/test, which does."
        )
    if not VNU_JAR.is_file():
        pytest.fail(
            f"The Nu Html Checker is missing ({VNU_JAR.relative_to(ROOT)}): run "
            "`npm ci --no-audit --no-fund --ignore-scripts` in the repository root, "
            "or bin/test, which does."
        )
    # C1 only and the serial collector: a short run starts twice as fast.
    jvm = ["-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]
    return [java, *jvm, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def vnu_errors(command, folder, files):
    """Check `files` (file name → page name) in `folder` in one run of vnu:
    the errors it found, by page name."""
    result = subprocess.run(
        [*command, *sorted(str(folder / filename) for filename in files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its JSON report to stderr, and exits 1 when it found errors.
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu gave no report (exit {result.returncode}):\n{result.stderr[-2000:]}")

    errors = {}
    for message in messages:
        if message.get("type") == "info":
            continue
        url = message.get("url", "?")
        name = files.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(describe(message))
    return errors


def describe(message):
    where = f"line {message.get('lastLine', '?')}"
    extract = re.sub(r"\s+", " ", message.get("extract", "")).strip()
    return f"  {where}: {message['message']}\n      {extract}"
