"""Template tags for what search engines and social networks read (core.seo)."""

from django import template

from core import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context, description=""):
    """The description, canonical address and social card of the page being
    shown, or of a view outside the page tree given its `description`."""
    return seo.page_meta(context.get("page"), context.get("request"), description)
