"""The edge's requests for a form's stamp, answered before Django handles them.

An edge that speaks ESI (deploy/varnish.vcl) keeps an action page whole for
everyone and asks `actions:envelope` for each view's stamp. On the night a
petition is on television that is one request per signer-to-be, so it is
answered as the WSGI server hands it over, as core.finished answers cached
pages: the same few hidden inputs as the view makes (actions.views.envelope),
no middleware, no query. Anything else goes on to `application`.
"""

import re
from http import HTTPStatus
from urllib.parse import parse_qs

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from . import stamps
from .urls import PageIdConverter

HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "private, no-store"),
    ("X-Content-Type-Options", "nosniff"),
]


class EnvelopeApplication:
    def __init__(self, application):
        self.application = application
        # The view's own address in each language (/es/… for a Spanish
        # page's form), whatever the URL configuration makes it.
        befores, afters = set(), set()
        for code, __ in settings.LANGUAGES:
            with translation.override(code):
                before, __, after = reverse("actions:envelope", args=[0]).rpartition("/0/")
            befores.add(re.escape(before))
            afters.add(re.escape(after))
        self.address = re.compile(
            rf"(?:{'|'.join(befores)})/({PageIdConverter.regex})/(?:{'|'.join(afters)})"
        )

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        found = method in ("GET", "HEAD") and self.address.fullmatch(environ.get("PATH_INFO", ""))
        if not found:
            return self.application(environ, start_response)
        query = parse_qs(environ.get("QUERY_STRING", ""))
        source, platform = query.get("from", [""])[0], query.get("utm_source", [""])[0]
        body = stamps.hidden_inputs(found[1], source, platform).encode()
        start_response(
            f"200 {HTTPStatus.OK.phrase}", [*HEADERS, ("Content-Length", str(len(body)))]
        )
        return [b"" if method == "HEAD" else body]
