"""Wagtail's page view, with the routing kept in the shared cache
(core.rendercache): the site for a host, the page for a path and the view
restrictions above it.

Wagtail finds them afresh on every request: the site, then each page down the
path, then the page's ancestors and their restrictions, six or seven queries
before the page's own. They change only when a page, a site or a restriction
does, which starts a new generation, so the next request finds them once more.
"""

import contextlib
import hashlib

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils.translation import get_language

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from . import locales, rendercache


def _key(request: HttpRequest, path):
    # The raw host, as Wagtail matches sites by it (the host check has passed),
    # and the language: `path` comes without its prefix (/es/ is "" too).
    address = f"{request._get_raw_host()}|{request.get_port()}|{get_language()}|{path}"
    return "rendercache:route:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def serve(request, path):
    """wagtail.views.serve, told the site, the route, the restrictions and the
    page's translations (for the language switcher) the cache holds for this
    address, else storing them once found. Only a route to a page itself is
    kept, not one into a page's own routes (a petition's thank-you), nor an
    address that finds no page."""
    key = _key(request, path)
    cached = rendercache.fetch(key, request)
    if cached is not None:
        site, page, restrictions, translations = cached
        request._wagtail_site = site
        request._wagtail_route_for_request = RouteResult(page)
        _use_restrictions(page, restrictions)
        locales.known_translations(request, page, translations)
        return wagtail_serve(request, path)

    route = _route(request, path)
    if route is not None:
        page = route.page
        site = Site.find_for_request(request)
        restrictions, translations = _restrictions_and_translations(site, page)
        if not route.args and not route.kwargs:
            rendercache.store(key, (site, page, restrictions, translations), request)
        _use_restrictions(page, restrictions)
        locales.known_translations(request, page, translations)
    return wagtail_serve(request, path)


def _route(request, path):
    """Page.route_for_request, from the active language's home in one query:
    Wagtail's `site.root_page.localized` looks up the Locale, then the
    translation, then the specific page. Kept on the request, where Wagtail's
    view reads it."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
        route = None
        if site is not None:
            home = _home(site.root_page)
            with contextlib.suppress(Http404):
                route = home.route(request, [part for part in path.split("/") if part])
        request._wagtail_route_for_request = route
    return request._wagtail_route_for_request


def _home(root):
    """The site's root page in the active language, as its specific class; the
    root itself (in the default language) when it has no live translation."""
    translations = root.specific_class.objects.filter(translation_key=root.translation_key)
    language = locales.current_language()
    home = translations.filter(locale__language_code=language, live=True).first()
    return home or root.specific


def _restrictions_and_translations(site, page):
    """The page's view restrictions, as Page.get_view_restrictions finds them,
    and its translations and the site's root's (for the language switcher,
    see core.locales.alternates), in two queries: one finds the ancestors and
    the translations at once, and an alias (a translation's untranslated
    parent) is told by its source's id, which Wagtail fetches page by page."""
    steps = range(page.steplen, len(page.path), page.steplen)
    ancestors = Q(path__in=[page.path[:step] for step in steps])
    rows = list(
        Page.objects.filter(ancestors | locales.translations_filter(site, page))
        .select_related("locale")
        .only("alias_of", *locales.TRANSLATION_FIELDS)
    )
    above = [
        row for row in rows if len(row.path) < len(page.path) and page.path.startswith(row.path)
    ]
    ids = {each.alias_of_id or each.pk for each in [page, *above]}
    restrictions = list(PageViewRestriction.objects.filter(page_id__in=ids))
    # The ancestors too: core.locales.alternates picks the translations out.
    return restrictions, rows


def _use_restrictions(page, restrictions):
    # Wagtail's check (its on_serve_page hook) asks the page; the page answers
    # from what is known rather than querying again. Set on this one instance,
    # after it was stored: the cached page itself carries no such answer.
    page.get_view_restrictions = lambda: restrictions
