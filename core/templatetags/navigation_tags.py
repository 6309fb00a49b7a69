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
    normally loaded each parent already (Wagtail keeps it on the child, as
    treebeard's `get_parent` does), which costs no query; otherwise (a
    preview, a page rendered by a form's view) one query fetches them all."""
    site = Site.find_for_request(context["request"])
    if site is None:
        return []
    home_depth = site.root_page.depth
    trail = []
    ancestor = page
    while ancestor.depth > home_depth and "_cached_parent_obj" in vars(ancestor):
        ancestor = ancestor._cached_parent_obj
        trail.append(ancestor)
    if ancestor.depth > home_depth:
        return list(page.get_ancestors().filter(depth__gte=home_depth))
    return trail[::-1]
