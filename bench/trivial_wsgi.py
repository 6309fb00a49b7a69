"""The ceiling for bench/load.py: a WSGI app that does nothing but return the
bytes in the file TRIVIAL_BODY (the story page's HTML, as the site served it),
run by gunicorn with the site's own settings (gunicorn.conf.py)."""

import os
from pathlib import Path

BODY = Path(os.environ["TRIVIAL_BODY"]).read_bytes()
HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Length", str(len(BODY))),
]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
