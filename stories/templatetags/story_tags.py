"""Template tags for story pages."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from wagtail.images.models import SourceImageIOError

register = template.Library()

# The portrait as search engines and link previews may show it.
PORTRAIT_SPEC = "max-1200x1200"

# As django.utils.html.json_script does: with these escaped, no value can end
# the <script> element or open a comment in it, whatever an editor typed.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def story_structured_data(page, request=None):
    """schema.org data for a story: an Article about a Person. Public fields only."""
    url = page.get_full_url(request=request)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.summary,
        "about": {"@type": "Person", "name": page.person_name},
        "publisher": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
    }
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = url
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    modified = page.last_published_at or page.first_published_at
    if modified:
        data["dateModified"] = modified.isoformat()
    image_url = _portrait_url(page, request)
    if image_url:
        data["image"] = image_url
    return data


def _portrait_url(page, request):
    if not page.portrait_id or page.portrait is None:
        return None
    try:
        rendition = page.portrait.get_rendition(PORTRAIT_SPEC)
    except SourceImageIOError:
        return None  # the original file is missing: no image rather than a broken one
    if request is not None:
        return request.build_absolute_uri(rendition.url)
    return rendition.full_url


def script_safe_json(value):
    """JSON for the inside of a <script> element."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped just above


@register.simple_tag
def story_json_ld(page, request=None):
    """The story's schema.org JSON-LD, escaped for a <script> element."""
    return script_safe_json(story_structured_data(page, request))
