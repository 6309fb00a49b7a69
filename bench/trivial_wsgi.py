"""The ceiling for bench/load.py: a WSGI app that does nothing but return,
for each address, the response the site served for it, its headers and its
bytes (files named in the JSON object in TRIVIAL_BODIES, by path, with the
headers beside each in a .headers file), run by gunicorn with the site's own
settings (gunicorn.conf.py)."""

import json
import os
from pathlib import Path

ANSWERS = {
    path: (
        [
            *map(tuple, json.loads(Path(file + ".headers").read_text())),
            ("Content-Length", str(len(body))),
        ],
        body,
    )
    for path, file in json.loads(os.environ["TRIVIAL_BODIES"]).items()
    for body in [Path(file).read_bytes()]
}

# Any other address (gunicorn's readiness check asks for /healthz).
OTHER = ([("Content-Type", "text/plain"), ("Content-Length", "2")], b"ok")


def application(environ, start_response):
    headers, body = ANSWERS.get(environ["PATH_INFO"], OTHER)
    start_response("200 OK", headers)
    return [body]
