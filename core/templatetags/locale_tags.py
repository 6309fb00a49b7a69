"""Template tags for the site's languages (core.locales)."""

from django import template

from core import locales

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The page being shown in each language that has a home page (see
    core.locales.alternates): {% language_alternates as languages %}."""
    request = context.get("request")
    if request is None:
        return []
    return locales.alternates(request, context.get("page"))
