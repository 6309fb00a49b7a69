"""Lighthouse (mobile) on the main kinds of page, served as in production
(bench/demo_site.py).

    .venv/bin/python bench/lighthouse.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/lighthouse.py

The site runs on a throwaway SQLite file, or on a throwaway PostgreSQL
database with DATABASE_URL (see bench/demo_site.py). Performance swings with
the machine's load, so do not run this beside the test suite (ps aux | grep
pytest).

Needs `npm ci` (node_modules/.bin/lighthouse) and Debian's chromium
(CHROMIUM_PATH). BENCH_RUNS=N runs Lighthouse N times per page and reports
the median of each score. Prints, per page, the four category scores and
what crossed the wire (HTML+CSS+JS, then everything including images), then
every audit that cost accessibility, best practices or SEO points. The JSON
reports are kept in bench/results/lighthouse/.
"""

import json
import os
import statistics
import subprocess
from urllib.parse import urlsplit

from demo_site import CHROMIUM, ROOT, WORKERS, demo_site

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# Headless, as root, and without Chromium's calls to outside services.
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
RUNS = int(os.environ.get("BENCH_RUNS", "1"))
RESULTS = ROOT / "bench" / "results" / "lighthouse"
PAGES = ["home", "story", "theme", "petition", "letter", "donate"]


def run_lighthouse(url, output, attempts=3):
    """One Lighthouse report of `url`. Under load, Chromium sometimes loses the
    trace ("run Lighthouse again", NO_NAVSTART): it is run again, up to
    `attempts` times."""
    environ = {**os.environ, "CHROME_PATH": CHROMIUM}
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    for attempt in range(1, attempts + 1):
        result = subprocess.run(command, env=environ, capture_output=True, text=True, timeout=300)
        if result.returncode == 0:
            return json.loads(output.read_text())
        if attempt < attempts:
            print(f"  (lighthouse failed on {url}, attempt {attempt}; trying again)")
    raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")


def transfer(report):
    """Bytes over the wire: HTML, CSS and JS together, and everything."""
    items = {
        item["resourceType"]: item["transferSize"]
        for item in report["audits"]["resource-summary"]["details"]["items"]
    }
    code = sum(items.get(kind, 0) for kind in ("document", "stylesheet", "script"))
    return code, items.get("total", 0)


def describe(item):
    """What an audit's detail row points at: an element, a message, a URL."""
    node = item.get("node") or {}
    where = (item.get("sourceLocation") or {}).get("url", "")
    what = node.get("snippet") or item.get("description") or item.get("url") or ""
    return f"{what} {urlsplit(where).path}".strip()[:160]


def lost_points(report):
    """Audits that cost points outside performance: (category, id, title, detail)."""
    lost = []
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or []
                detail = "; ".join(describe(item) for item in items[:3])
                lost.append((category, ref["id"], audit["title"], detail))
    return lost


def main():
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci --ignore-scripts` (or bin/test).")
    if not os.access(CHROMIUM, os.X_OK):
        raise SystemExit(f"Chromium is missing at {CHROMIUM}: install it or set CHROMIUM_PATH.")
    busy = subprocess.run(["pgrep", "-f", "pytest"], capture_output=True, text=True).stdout
    if busy.strip():
        print("note: pytest is running on this machine; performance scores will be low\n")

    RESULTS.mkdir(parents=True, exist_ok=True)
    with demo_site() as (base, urls):
        print(
            f"gunicorn: {WORKERS} sync workers; Lighthouse {lighthouse_version()}, mobile "
            f"(simulated throttling), {RUNS} run(s) per page, median shown; "
            f"{os.cpu_count()} CPUs\n"
        )
        header = f"{'page':10} {'path':44} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}"
        print(f"{header} {'HTML+CSS+JS':>11} {'all bytes':>10}")
        lost = {}
        for name in PAGES:
            path = urls[name]
            scores = {category: [] for category in CATEGORIES}
            for run in range(RUNS):
                report = run_lighthouse(base + path, RESULTS / f"{name}-{run + 1}.json")
                for category in CATEGORIES:
                    scores[category].append(report["categories"][category]["score"] * 100)
                for category, audit, title, detail in lost_points(report):
                    lost.setdefault((category, audit, title), {})[name] = detail
            code, total = transfer(report)
            medians = [statistics.median(scores[category]) for category in CATEGORIES]
            print(
                f"{name:10} {path:44.44} "
                + " ".join(f"{score:>4.0f}" for score in medians)
                + f" {code:>11,} {total:>10,}"
            )
        print("\nPoints lost outside performance:" if lost else "\nNo points lost outside it.")
        for (category, audit, title), pages in sorted(lost.items()):
            print(f"  {category}: {audit} ({title}) on {', '.join(pages)}")
            for name, detail in pages.items():
                if detail:
                    print(f"      {name}: {detail}")


def lighthouse_version():
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


if __name__ == "__main__":
    main()
