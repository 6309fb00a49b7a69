from django import template

from wagtail.models import Site

from core.models import NavigationSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context):
    """The site's header and footer links and its organisation's details:
    {% navigation as menus %}."""
    request = context.get("request")
    if request is None:
        return NavigationSettings.empty()
    return NavigationSettings.menus_for(request)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The pages above `page`, from the site's home page down. Routing has
    already loaded each parent, so this normally costs no query."""
    site = Site.find_for_request(context["request"])
    if site is None:
        return []
    trail = []
    ancestor = page
    while ancestor.depth > site.root_page.depth:
        ancestor = ancestor.get_parent()
        trail.append(ancestor)
    return trail[::-1]
