"""deploy/varnish.vcl under varnishtest (Varnish's own test tool, in Debian's
varnish): what no request to the real site can show quickly, such as stale
pages served while the app fails, against a scripted backend (tests/deploy/vcl)."""

import re
import subprocess
from pathlib import Path

import pytest

from .servers import ensure_varnish, vcl_for

pytestmark = pytest.mark.deploy

SCRIPTS = sorted((Path(__file__).parent / "vcl").glob("*.vtc"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[script.stem for script in SCRIPTS])
def test_varnishtest(script, tmp_path):
    ensure_varnish()
    # The scripted backend s1 instead of the app, and no health probe: it
    # would take the requests the script expects.
    vcl = vcl_for("${s1_port}", "${s1_addr}").replace("vcl 4.1;", "", 1)
    vcl, probes = re.subn(r"\n    \.probe = \{.*?\n    \}\n", "\n", vcl, flags=re.S)
    assert probes == 1
    test = tmp_path / script.name
    test.write_text(script.read_text().replace("@deploy/varnish.vcl@", vcl))

    result = subprocess.run(
        ["varnishtest", "-q", str(test)], capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stdout[-20000:] + result.stderr
