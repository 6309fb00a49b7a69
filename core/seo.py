"""What search engines and social networks read about the site: each page's
description, canonical address and social card, and robots.txt.

Public fields only: nothing here reads a story's private fields
(stories.models.PRIVATE_FIELDS), whatever a page type adds. A page type says
for itself what it adds: `open_graph_type` ("article" for a story) and
`share_portrait()`, the (image, alt) pair a link preview shows before the
organisation's share image.
"""

from html import unescape
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import prefetch_related_objects
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.generic import TemplateView

from wagtail.fields import RichTextField
from wagtail.images.models import Filter, SourceImageIOError

from .models import SOCIAL_IMAGE_SPEC, organisation_details

# Where a page's description comes from, first filled wins: the editor's
# "Search description" (Promote tab), then the page type's own short text.
DESCRIPTION_FIELDS = ("search_description", "teaser", "summary", "intro")
# Search engines show about this much; longer is cut at a word.
DESCRIPTION_LENGTH = 160

FALLBACK_IMAGE = "img/social-card.png"
FALLBACK_IMAGE_SIZE = (1200, 630)


def shorten(text, limit=DESCRIPTION_LENGTH):
    """`text` on one line, cut at the last whole word that fits within `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]  # drop the word cut in two
    return f"{cut.rstrip(' ,;:.–—-')}…"


def field_text(page, name):
    """The plain text of one of `page`'s fields, "" if it has no such field."""
    try:
        field = page._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    value = getattr(page, field.attname) or ""
    if isinstance(field, RichTextField):
        value = unescape(strip_tags(value))
    return value.strip()


def meta_description(page=None, description="", share_text=""):
    """`description` if given, else the page's first filled description field,
    else the organisation's share text (OrganisationSettings), else the site's
    description: plain text of about 160 characters."""
    if not description and page is not None:
        description = next(
            (text for name in DESCRIPTION_FIELDS if (text := field_text(page, name))), ""
        )
    return shorten(description or share_text or settings.SITE_DESCRIPTION)


def canonical_url(page, request):
    """The page's one address, without any query string (the story index's
    filters, sorting and pages; tracking parameters), or None when what is
    shown is not the page itself: a routable sub-page such as a petition's
    thank-you, a form's answer at its submit URL, a preview."""
    if page is None or request is None:
        return None
    url = page.get_full_url(request)
    if not url or urlsplit(url).path != request.path:
        return None
    return url


def portrait_rendition(image):
    """The social card crop of a story's portrait, or None if the file is gone.

    On a cold rendition cache, all the portrait's renditions are fetched in
    one query, which the story's <picture> and its JSON-LD then reuse: this
    lookup costs the page no query of its own, warm or cold.
    """
    spec = Filter(spec=SOCIAL_IMAGE_SPEC)
    Rendition = image.get_rendition_model()
    cache_key = Rendition.construct_cache_key(image, spec.get_cache_key(image), spec.spec)
    cached = Rendition.cache_backend.get(cache_key)
    if cached is None and image._get_prefetched_renditions() is None:
        prefetch_related_objects([image], "renditions")
    try:
        return image.get_rendition(spec)
    except SourceImageIOError:
        return None  # the original file is missing: the site's card rather than none


def social_image(page, request, share_image=None):
    """The link preview's image: the page's own portrait if its type has one
    (`share_portrait()`), else the organisation's share image (as cached), else
    the site's card. A dict of absolute url, width, height and alt."""
    absolute = request.build_absolute_uri if request is not None else str
    portrait = page.share_portrait() if hasattr(page, "share_portrait") else None
    if portrait is not None:
        image, alt = portrait
        rendition = portrait_rendition(image)
        if rendition is not None:
            return {
                "url": absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": alt,
            }
    if share_image:
        return {**share_image, "url": absolute(share_image["url"])}
    width, height = FALLBACK_IMAGE_SIZE
    return {
        "url": absolute(static(FALLBACK_IMAGE)),
        "width": width,
        "height": height,
        "alt": settings.WAGTAIL_SITE_NAME,
    }


def page_meta(page=None, request=None, description=""):
    """Everything components/meta.html shows, for a page or for a view
    outside the page tree (search, 404), which gets `noindex` and no canonical."""
    organisation = organisation_details(request)
    canonical = canonical_url(page, request)
    url = canonical or (request.build_absolute_uri() if request is not None else "")
    title = (page.seo_title or page.title) if page is not None else settings.WAGTAIL_SITE_NAME
    return {
        "description": meta_description(page, description, organisation["share_text"]),
        "canonical": canonical,
        "noindex": canonical is None,
        "type": getattr(page, "open_graph_type", "website"),
        "title": title,
        "url": url,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "image": social_image(page, request, organisation["share_image"]),
    }


class RobotsView(TemplateView):
    """robots.txt: keeps crawlers out of the admin and the forms' POST
    endpoint, and points them to the sitemap."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_url"] = self.request.build_absolute_uri(reverse("sitemap"))
        return context
