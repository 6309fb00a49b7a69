"""Pages as they leave the site, answered before Django handles the request.

The outermost layer of the page cache (core.pagecache holds the rest): a
page is stored as it leaves the site, with every header the middleware adds
and compressed for a browser that takes gzip, so that a hit skips them all;
and `PageCacheApplication` answers those hits as the WSGI server hands the
request over.

A page with an action form is stored too, though each visitor gets their own
copy: it is stored as it was before its form stamps were written in
(actions.middleware), and every hit writes in fresh ones (PAGE_CACHE_FILL)
and compresses the result. That costs an HMAC and a compression of a few
kilobytes, against a pass through the whole middleware stack.
"""

import time
from dataclasses import dataclass
from functools import cached_property
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest
from django.utils.module_loading import import_string
from django.utils.text import compress_string

from .pagecache import (
    APP_STALE_IF_ERROR_SECONDS,
    LOOKED_UP,
    NOT_STORED,
    PageCacheMiddleware,
    _etag,
    drop_shared_vary,
)

# Django's GZipMiddleware's defence against BREACH: up to this many random
# bytes in the gzip header, so that a compressed length leaks nothing.
GZIP_RANDOM_BYTES = 100
# GZipMiddleware leaves shorter bodies as they are.
GZIP_SHORTEST = 200
# Headers of the page before its stamps were written that a copy for one
# visitor must not keep.
NOT_KEPT_UNFILLED = {*NOT_STORED, "content-encoding", "cache-control", "expires"}


class FinishedPageCacheMiddleware(PageCacheMiddleware):
    """The page cache, outermost: pages as they leave the site. It does not
    answer an edge that does edge-side includes (Surrogate-Capability), whose
    copy of a page with a form differs (an include where the stamp goes)."""

    def applies(self, request):
        return "HTTP_SURROGATE_CAPABILITY" not in request.META and super().applies(request)

    def variant(self, request):
        return "gzip" if self.gzip(request) else "plain"

    @staticmethod
    def gzip(request):
        return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")

    @cached_property
    def fill(self):
        """fill(body, request): `body` with this visitor's form stamps written
        in, or None when it has no marker for one."""
        return import_string(settings.PAGE_CACHE_FILL)

    def storable(self, response):
        unfilled = getattr(response, "unfilled", None)
        if unfilled is None:
            return super().storable(response)
        # Stored as it was before the stamps: shared if it was then.
        return (
            response.status_code == 200
            and response.get("X-Cache") != "STALE"
            and not response.cookies
            and "public" in unfilled.cache_control
            and "s-maxage" in unfilled.cache_control
        )

    def lifetime(self, response):
        unfilled = getattr(response, "unfilled", None)
        if unfilled is None:
            return super().lifetime(response)
        return super().lifetime({"Cache-Control": unfilled.cache_control})

    def store(self, request, key, generations, response):
        if getattr(response, "unfilled", None) is None:
            return super().store(request, key, generations, response)
        # This visitor's copy goes as it is; the one kept has no stamp in it.
        lifetime = self.lifetime(response)
        entry = self.entry(response, generations, lifetime)
        cache.set(key.entry, entry, timeout=lifetime + APP_STALE_IF_ERROR_SECONDS)
        response["X-Cache"] = "MISS"
        return response

    def entry(self, response, generations, lifetime):
        unfilled = getattr(response, "unfilled", None)
        if unfilled is None:
            return super().entry(response, generations, lifetime)
        drop_shared_vary(response, always=True)
        stored = time.time()
        return {
            "generations": generations,
            "stored": stored,
            "fresh_until": stored + lifetime,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in NOT_KEPT_UNFILLED
            ],
            "body": unfilled.content,
            "etag": _etag(unfilled.content),
            # Each hit writes in the visitor's own stamps (see answer()).
            "fill": True,
        }

    def answer(self, request, entry, *, stale=False):
        if not entry.get("fill"):
            return super().answer(request, entry, stale=stale)
        body = self.fill(entry["body"], request) or entry["body"]
        headers = [*entry["headers"], ("Cache-Control", "private, no-cache")]
        if self.gzip(request) and len(body) >= GZIP_SHORTEST:
            body = compress_string(body, max_random_bytes=GZIP_RANDOM_BYTES)
            headers.append(("Content-Encoding", "gzip"))
        headers += [
            ("Content-Length", str(len(body))),
            ("X-Cache", "STALE" if stale else "HIT"),
        ]
        return 200, headers, b"" if request.method == "HEAD" else body


@dataclass(frozen=True)
class Unfilled:
    """A page as it was before a visitor's form stamps were written in
    (actions.middleware sets it as `response.unfilled`): what the finished
    cache keeps, for every visitor's copy to be made from."""

    content: bytes
    cache_control: str


class PageCacheApplication:
    """The finished pages' hits, answered as the WSGI server hands the
    request over, before Django handles it: no request signals (each closes
    stale database connections), no middleware and no response object to
    convert. That is most of a hit's cost once the cache read is done, so
    during a spike the workers serve about twice the pages. Anything else,
    misses included, goes on to `application`; a miss leaves what it found
    behind so that the middleware doesn't look again."""

    def __init__(self, application):
        self.application = application
        self.finished = FinishedPageCacheMiddleware(application)

    def __call__(self, environ, start_response):
        if settings.PAGE_CACHE_ENABLED and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            request = WSGIRequest(environ)
            try:
                found = self.finished.applies(request) and self.finished.lookup(request)
            except SuspiciousOperation:
                # A host not allowed, too many parameters: Django answers 400.
                found = None
            if found:
                key, generations, entry, fresh = found
                if fresh:
                    status, headers, body = self.finished.answer(request, entry)
                    start_response(f"{status} {HTTPStatus(status).phrase}", headers)
                    return [body]
                environ[LOOKED_UP] = (key.entry, generations, entry)
        return self.application(environ, start_response)
