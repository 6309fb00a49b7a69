from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.pagecache import shared
from core.seo import RobotsView

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", shared(sitemap), name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Uploaded media on the developer's disk; production serves them from S3.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("", include("stories.urls")),
    path("", include("actions.urls")),
    # Everything else is a Wagtail page: this must stay last.
    path("", include(wagtail_urls)),
]

handler500 = "campaign.views.server_error"
