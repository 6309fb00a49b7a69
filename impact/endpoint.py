"""The counting endpoint (beacon.PATH), which every public page asks once per
view: an image without JavaScript, a beacon with it.

In production it is answered as the WSGI server hands the request over
(`ViewCounterApplication`, outermost in campaign.wsgi): no middleware, no
session, no query, one pipelined round trip to Redis. The same answer comes
from the view behind Django's middleware where that is not in front (the test
client, a test's live server). Never cached anywhere: no-store.

A GET (the image) is answered with a transparent 1×1 GIF, a POST (the
beacon) with 204, counted or not, so that nobody can tell whether they were
counted; a request no page of ours made with 400; any other method with 405.
"""

import logging
from http import HTTPStatus

from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from actions.protection import client_ip

from . import beacon
from .counters import MemoryCounters, counters
from .flush import write_counts

logger = logging.getLogger(__name__)

PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
HEADERS = [
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
]


def answer(request):
    """(status, headers, body) for a request to the endpoint, having counted
    the view it reports if it may be."""
    if request.method not in ("GET", "POST"):
        return HTTPStatus.METHOD_NOT_ALLOWED, [*HEADERS, ("Allow", "GET, POST")], b""
    try:
        host = request.get_host()
        view = beacon.read(request, host)
    except (beacon.Junk, SuspiciousOperation, ValueError):
        return HTTPStatus.BAD_REQUEST, HEADERS, b""
    if beacon.is_counted(request):
        count(view, request)
    if request.method == "POST":
        return HTTPStatus.NO_CONTENT, HEADERS, b""
    return HTTPStatus.OK, [*HEADERS, ("Content-Type", "image/gif")], PIXEL


def count(view, request):
    store = counters()
    store.add(view, client_ip(request), request.META.get("HTTP_USER_AGENT", ""))
    if isinstance(store, MemoryCounters) and store.due():
        # Without Redis nothing else can write this process's counts.
        try:
            write_counts(store)
        except Exception:
            logger.exception("Writing this process's view counts failed.")


@csrf_exempt
def view_counter(request):
    """The endpoint behind Django's middleware (see the module's docstring).
    Exempt from CSRF: a beacon carries no token, and a view counted from
    another site is refused by beacon.is_counted, not by a 403."""
    status, headers, body = answer(request)
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


class ViewCounterApplication:
    """The endpoint before Django (see the module's docstring); anything else
    goes on to `application`."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != beacon.PATH:
            return self.application(environ, start_response)
        status, headers, body = answer(WSGIRequest(environ))
        headers = [*headers, ("Content-Length", str(len(body)))]
        start_response(f"{status.value} {status.phrase}", headers)
        return [body]
