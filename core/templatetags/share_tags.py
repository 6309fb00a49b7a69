from django import template

register = template.Library()


@register.simple_tag
def share_address(page, platform):
    """{% share_address page "whatsapp" as url %}: the page's address as shared
    on that platform (core.sharing.Shareable)."""
    return page.share_address(platform)
