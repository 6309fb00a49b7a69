"""One sitemap per language (issue 16): /sitemap.xml is an index of
/sitemap-en.xml, /sitemap-es.xml, …, each listing the live, public pages of
that language's home page and below it, at their own addresses (/es/… for
Spanish)."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page


class LanguageSitemap(WagtailSitemap):
    """The pages of one language: the site's home page in that language (a
    translation of the site's root, its sibling in the tree) and below it."""

    def __init__(self, request, language_code):
        super().__init__(request)
        self.language_code = language_code

    def get_latest_lastmod(self):
        # Django's index would read every page of the language for the date of
        # the latest: the index says where the sitemaps are, and each sitemap
        # dates its own pages.
        return None

    def items(self):
        root = self.get_wagtail_site().root_page
        home = (
            Page.objects.filter(
                translation_key=root.translation_key, locale__language_code=self.language_code
            )
            .only("path")
            .first()
        )
        if home is None:
            return Page.objects.none()
        return (
            Page.objects.descendant_of(home, inclusive=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


def sitemaps_for(request):
    return {code: LanguageSitemap(request, code) for code, __ in settings.LANGUAGES}


def index(request):
    """/sitemap.xml: where each language's sitemap is."""
    return sitemap_views.index(request, sitemaps_for(request), sitemap_url_name="sitemap_language")


def sitemap(request, section):
    """/sitemap-<language>.xml: that language's pages (a 404 for another name)."""
    return sitemap_views.sitemap(request, sitemaps_for(request), section=section)
