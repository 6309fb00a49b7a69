"""Site-wide views: the error pages and the CSP report endpoint."""

import json
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from actions.protection import over_rate_limit
from core.models import CspReport
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


# The media types browsers post violation reports as: report-uri's, the
# Reporting API's (report-to), and plain JSON from anything else.
REPORT_TYPES = ("application/csp-report", "application/reports+json", "application/json")
# A Reporting API delivery batches reports; more than this many in one is not
# a browser's.
MAX_REPORTS_PER_REQUEST = 20


@csrf_exempt
@never_cache
@require_POST
def csp_report(request):
    """Store the Content-Security-Policy violations a browser reports (see
    core.security). Browsers post without cookies or a CSRF token. Limited in
    size (CSP_REPORT_MAX_BYTES) and per address (the actions' rate limit, in
    a scope of its own); anything else than a report is refused with a 4xx
    and stores nothing."""
    if request.content_type not in REPORT_TYPES:
        return HttpResponse("Send a CSP report as JSON.", status=415, content_type="text/plain")
    limit = settings.CSP_REPORT_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponseBadRequest("Bad Content-Length.", content_type="text/plain")
    if declared > limit:
        return HttpResponse("Report too large.", status=413, content_type="text/plain")
    if over_rate_limit(request, scope="csp-report"):
        return HttpResponse("Too many reports.", status=429, content_type="text/plain")
    body = request.read(limit + 1)
    if len(body) > limit:
        return HttpResponse("Report too large.", status=413, content_type="text/plain")
    try:
        payload = json.loads(body)
        reports = _report_bodies(payload)
        user_agent = request.headers.get("User-Agent", "")
        stored = [CspReport.from_body(report, user_agent) for report in reports]
    except (ValueError, RecursionError):
        return HttpResponseBadRequest("Not a CSP report.", content_type="text/plain")
    CspReport.objects.bulk_create(stored)
    CspReport.objects.expired().delete()
    return HttpResponse(status=204)


def _report_bodies(payload):
    """The violation bodies in a report-uri or Reporting API payload."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list) and 0 < len(payload) <= MAX_REPORTS_PER_REQUEST:
        bodies = [
            report.get("body")
            for report in payload
            if isinstance(report, dict) and report.get("type") == "csp-violation"
        ]
        if bodies:
            return bodies
    raise ValueError("No CSP violation in the payload.")
