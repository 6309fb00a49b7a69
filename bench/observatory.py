"""Score a running site's headers by the MDN HTTP Observatory's published rules
(tests/observatory), the way the Observatory looks: each page over HTTPS, asked
from the Observatory's Origin (for CORS), and the same address over plain HTTP
(for the redirect).

    python bench/observatory.py https://campaign.example.org / /stories/ /act/a-petition/

Prints each page's score, grade and modifiers, and exits non-zero if one is
below A+. The hosted Observatory also asks the HSTS preload list: pass
--preloaded once the host is on it. tests/test_security_headers.py scores the
same pages with the test client, with production's HTTPS settings.
"""

import argparse
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import observatory  # noqa: E402


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def fetch(url, headers=None):
    """(status, headers, body) of one request, redirects not followed."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def scan(base, path, preloaded=False):
    url = base.rstrip("/") + path
    status, headers, body = fetch(url, {"Origin": observatory.OBSERVATORY_ORIGIN})
    if status != 200:
        raise SystemExit(f"{url}: HTTP {status}")
    plain = "http://" + url.split("://", 1)[1]
    try:
        plain_status, plain_headers, __ = fetch(plain)
        http_answer = (plain_status, plain_headers.get("Location"))
    except urllib.error.URLError:
        http_answer = (0, None)  # nothing listens on HTTP
    return observatory.Scan(
        url=url,
        headers=dict(headers.items()),
        body=body.decode("utf-8", "replace"),
        set_cookies=headers.get_all("Set-Cookie") or [],
        http_answer=http_answer,
        hsts_preloaded=preloaded,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the site's HTTPS origin, like https://campaign.example.org")
    parser.add_argument("paths", nargs="*", default=["/"], help="pages to score (default: /)")
    parser.add_argument(
        "--preloaded", action="store_true", help="the host is on the HSTS preload list"
    )
    arguments = parser.parse_args()
    if urlsplit(arguments.base).scheme != "https":
        raise SystemExit("Give the site's https:// origin: the Observatory scores HTTPS.")
    lowest = None
    for path in arguments.paths:
        result = observatory.score(scan(arguments.base, path, arguments.preloaded))
        print(f"{path}: {result}")
        lowest = result.score if lowest is None else min(lowest, result.score)
    sys.exit(0 if lowest >= 100 else 1)


if __name__ == "__main__":
    main()
