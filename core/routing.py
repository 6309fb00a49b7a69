"""Wagtail's page view, with the routing kept in the shared cache
(core.rendercache): the site for a host, the page for a path and the view
restrictions above it.

Wagtail finds them afresh on every request: the site, then each page down the
path, then the page's ancestors and their restrictions, six or seven queries
before the page's own. They change only when a page, a site or a restriction
does, which starts a new generation, so the next request finds them once more.
"""

import hashlib

from django.http import HttpRequest
from django.utils.translation import get_language

from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from . import rendercache


def _key(request: HttpRequest, path):
    # The raw host, as Wagtail matches sites by it (the host check has passed),
    # and the language: `path` comes without its prefix (/es/ is "" too).
    address = f"{request._get_raw_host()}|{request.get_port()}|{get_language()}|{path}"
    return "rendercache:route:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def serve(request, path):
    """wagtail.views.serve, told the site, the route and the restrictions the
    cache holds for this address, else storing them once Wagtail has found
    them. Only a route to a page itself is kept, not one into a page's own
    routes (a petition's thank-you), nor an address that finds no page."""
    key = _key(request, path)
    cached = rendercache.fetch(key, request)
    if cached is not None:
        site, page, restrictions = cached
        request._wagtail_site = site
        request._wagtail_route_for_request = RouteResult(page)
        _use_restrictions(page, restrictions)
        return wagtail_serve(request, path)

    route = Page.route_for_request(request, path)
    if route is not None and not route.args and not route.kwargs:
        page = route.page
        restrictions = list(page.get_view_restrictions())
        site = Site.find_for_request(request)
        rendercache.store(key, (site, page, restrictions), request)
        _use_restrictions(page, restrictions)
    return wagtail_serve(request, path)


def _use_restrictions(page, restrictions):
    # Wagtail's check (its on_serve_page hook) asks the page; the page answers
    # from what is known rather than querying again. Set on this one instance,
    # after it was stored: the cached page itself carries no such answer.
    page.get_view_restrictions = lambda: restrictions
