from django import template
from django.template.defaultfilters import date

from actions.models import ActionPage
from core import rendercache

register = template.Library()


@register.filter(expects_localtime=True)
def deadline(value):
    """A deadline as readers expect it, in the site's time zone and naming it:
    “31 December 2026, 11:59 pm EST”. Django's “a” gives “p.m.”, which doubles
    the full stop that ends a sentence."""
    if not value:
        return ""
    return f"{date(value, 'j F Y, g:i')} {date(value, 'A').lower()} {date(value, 'T')}"


# How old a count at the end of a story may be: as old as a whole page with a
# count may be in the page cache.
COUNT_SECONDS = 60


@register.simple_tag(takes_context=True)
def related_actions(context, page):
    """The actions shown at the end of a story or explainer (`page`): those
    staff chose for it, else the site's default. {% related_actions page as actions %}

    Kept in the shared cache (core.rendercache) for COUNT_SECONDS, for their
    counts, and forgotten at once when staff change a page or a setting."""
    request = context.get("request")
    if not rendercache.applies(request):
        return ActionPage.chosen_for(page, request)
    key = f"rendercache:related-actions:{page.pk}"
    actions = rendercache.fetch(key, request)
    if actions is None:
        actions = ActionPage.chosen_for(page, request)
        rendercache.store(key, actions, request, timeout=COUNT_SECONDS)
    return actions
