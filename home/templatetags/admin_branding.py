from django import template

from home.models import OrganisationSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_name(context):
    """The organisation's name as staff set it (else the site's), for the
    admin's titles: from the cache the public pages use, so no query."""
    return OrganisationSettings.cached_for(context.get("request"))["name"]
