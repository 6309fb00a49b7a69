"""Site-wide error views."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

from core.storage import StorageUnavailable

# How long a client should wait before trying again while the database is
# away (RFC 9110 Retry-After), in seconds.
RETRY_AFTER = 30


def server_error(request, exception=None):
    """A plain 500 page, or a 503 when the database or the media storage
    cannot be reached (an upload then says it was not saved).

    Rendered without a request context and without touching the database:
    this is the page shown when the database is exactly what failed.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError | StorageUnavailable):
        context = {"storage": isinstance(error, StorageUnavailable)}
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
    else:
        response = HttpResponseServerError(loader.get_template("500.html").render())
    response["Cache-Control"] = "no-store"
    return response
