"""Site-wide error views."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

# How long a client should wait before trying again while the database is
# away (RFC 9110 Retry-After), in seconds.
RETRY_AFTER = 30


def server_error(request, exception=None):
    """A plain 500 page, or a 503 when the database cannot be reached.

    Rendered without a request context and without touching the database:
    this is the page shown when the database is exactly what failed.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
    else:
        response = HttpResponseServerError(loader.get_template("500.html").render())
    response["Cache-Control"] = "no-store"
    return response
