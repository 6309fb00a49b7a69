from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import routing, signin, sitemaps
from core.pagecache import shared
from core.seo import RobotsView
from impact import beacon, endpoint

from .views import csp_report

urlpatterns = [
    # Staff sign in with two factors (core.signin): Wagtail's own sign-in
    # would take a password alone.
    path("admin/login/", signin.wagtail_login),
    path("admin/", include(signin.urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # One sitemap per language, listed by the index at /sitemap.xml.
    path("sitemap.xml", shared(sitemaps.index), name="sitemap"),
    path("sitemap-<str:section>.xml", shared(sitemaps.sitemap), name="sitemap_language"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path(settings.CSP_REPORT_PATH.strip("/") + "/", csp_report, name="csp_report"),
    # Every page's view counter, in every language (the language is a
    # parameter); production answers it before Django (campaign.wsgi).
    path(beacon.PATH.lstrip("/"), endpoint.view_counter, name="view_counter"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Uploaded media on the developer's disk; production serves them from S3.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The public site in each language: English without a prefix, Spanish under
# /es/ (the language lives in the path, so caches keep them apart).
urlpatterns += i18n_patterns(
    path("", include("stories.urls")),
    path("", include("actions.urls")),
    # Wagtail's own addresses (a page's password, the login), then everything
    # else is a Wagtail page, routed through the shared cache (core.routing)
    # rather than by Wagtail's view: this must stay last.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

handler500 = "campaign.views.server_error"
