from django import template

from core.models import organisation_details

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_name(context):
    """The organisation's name as staff set it (else the site's), for the
    admin's titles: from the cache the public pages use, so no query."""
    return organisation_details(context.get("request"))["name"]
