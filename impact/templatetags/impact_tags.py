from django import template
from django.utils import translation

from .. import beacon

register = template.Library()


@register.inclusion_tag("impact/view_counter.html", takes_context=True)
def view_counter(context):
    """What makes a reader's view of this page count (impact.beacon): the
    same for every reader, so it is cached with the page. Nothing on a
    preview, which is no one's view; on the answer to a form (a POST: a form
    shown again with its mistakes, a letter ready), whose page was counted
    when it was shown; nor where there is no page (search, errors). A HEAD's
    page has it: the page cache may keep that page for the GETs after it."""
    page, request = context.get("page"), context.get("request")
    if getattr(page, "pk", None) is None or request is None:
        return {}
    if request.method not in ("GET", "HEAD"):
        return {}
    if getattr(request, "is_preview", False) or getattr(request, "in_preview_panel", False):
        return {}
    return {"address": beacon.address(page.pk, translation.get_language())}
