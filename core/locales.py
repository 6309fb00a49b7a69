"""The site in English and Spanish (issue 16): which language a request
reads, the verb every listing uses to show that language only, and the
same page in each language for the switcher and the hreflang alternates.

English is the default and has no prefix in its addresses; Spanish lives
under /es/. Each language's home page is a translation of the site's root
(its sibling in the page tree), and everything below it is in its language.
"""

from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site


def current_language():
    """The content language of the request being answered (from its path's
    prefix, set by LocaleMiddleware), as a language code: "en" or "es"."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


class InLocale:
    """For the querysets of translatable models (pages, snippets): the verb
    by which a listing shows one language only."""

    def in_locale(self, locale):
        """Rows in `locale`: a wagtail Locale, its pk, or its language code."""
        if isinstance(locale, str):
            return self.filter(locale__language_code=locale)
        return self.filter(locale=locale)


def language_name(code):
    """The language's name in that language ("Español"), as LANGUAGES gives it."""
    return dict(settings.LANGUAGES)[code]


# What `alternates` reads of each translation.
TRANSLATION_FIELDS = (
    "url_path",
    "path",
    "depth",
    "translation_key",
    "live",
    "locale__language_code",
)


def translations_filter(site, page):
    """The filter for the live translations of the site's root and of `page`:
    the rows `alternates` reads (TRANSLATION_FIELDS, with their locale)."""
    keys = {site.root_page.translation_key, page.translation_key}
    return Q(translation_key__in=keys, live=True)


def known_translations(request, page, rows):
    """Tells `alternates` the translations of `page` (and of the root) that
    the routing fetched with the rows it needed anyway (core.routing): the
    switcher and the hreflang then cost no query of their own."""
    request._translations = (page.pk, rows)


def alternates(request, page=None):
    """The page (or, outside the page tree, the view) in each language that
    has a home page: a list of dicts of `code`, `name` (in that language),
    `url` (absolute), `path`, `current` (the request's language), `default`
    (the site's default language) and `translated` (False when the
    language's home stands in for a page not translated into it). At most
    one query (none after the routing's, see `known_translations`), kept for
    the rest of the request."""
    found = getattr(request, "_alternates", None)
    if found is not None:
        return found
    site = Site.find_for_request(request)
    if site is None:
        return []
    if page is not None and not page.pk:
        page = None  # an unsaved page's preview has no translations
    known_pk, rows = getattr(request, "_translations", (None, None))
    if rows is None or page is None or known_pk != page.pk:
        rows = (
            Page.objects.filter(translations_filter(site, page or site.root_page))
            .select_related("locale")
            .only(*TRANSLATION_FIELDS)
        )
    rows = [row for row in rows if row.live]
    homes, translations = {}, {}
    for row in rows:
        code = row.locale.language_code
        if page is not None and row.translation_key == page.translation_key:
            translations[code] = row
        if row.translation_key == site.root_page.translation_key:
            homes[code] = row
    here = current_language()
    found = []
    for code, __ in settings.LANGUAGES:
        if code not in homes:
            continue  # nothing in this language yet
        if page is None:
            target, path = None, translate_url(request.get_full_path(), code)
            url = request.build_absolute_uri(path)
        else:
            target = translations.get(code)
            path = (target or homes[code]).get_url(request=request)
            # As the canonical address gives it: the site's own root URL.
            url = (target or homes[code]).get_full_url(request=request)
        if path:
            found.append(
                {
                    "code": code,
                    "name": language_name(code),
                    "url": url,
                    "path": path,
                    "current": code == here,
                    "default": code == settings.LANGUAGE_CODE,
                    "translated": page is None or target is not None,
                }
            )
    request._alternates = found
    return found
