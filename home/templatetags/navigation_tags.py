from django import template

from home.models import NavigationSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context):
    """The site's header and footer links: {% navigation as menus %}."""
    request = context.get("request")
    if request is None:
        return {"header": [], "footer": [], "footer_text": ""}
    return NavigationSettings.menus_for(request)
