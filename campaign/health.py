"""The health endpoint a PaaS probes to decide whether to route traffic here."""

from django.db import DatabaseError, connection
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers

from campaign.views import RETRY_AFTER

HEALTH_PATH = "/healthz"


def database_is_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


class HealthCheckMiddleware:
    """Answer /healthz before any other middleware.

    A router's probe comes over plain HTTP with an internal Host header: the
    HTTPS redirect and the ALLOWED_HOSTS check would turn it away. The answer
    reveals nothing but whether the database answers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        healthy = database_is_reachable()
        response = JsonResponse(
            {"status": "ok" if healthy else "unavailable", "database": healthy},
            status=200 if healthy else 503,
        )
        if not healthy:
            # As every page says while the database is away (campaign.views).
            response["Retry-After"] = str(RETRY_AFTER)
        add_never_cache_headers(response)
        return response
