from django import template
from django.template.defaultfilters import date
from django.utils.translation import pgettext

from actions.models import ActionPage, ActionSettings
from core import languages, rendercache

register = template.Library()


@register.filter(expects_localtime=True)
def deadline(value):
    """A deadline as readers expect it, in the site's time zone and naming it:
    “31 December 2026, 11:59 pm EST”, “31 de diciembre de 2026, 23:59 EST”.
    The formats are translated (Django's date format characters). Django's
    “a” gives “p.m.”, which doubles the full stop that ends a sentence: the
    time is lowercased instead (“PM” → “pm”)."""
    if not value:
        return ""
    day = date(value, pgettext("date format: day month year", "j F Y"))
    time = date(value, pgettext("time format: hours and minutes", "g:i A")).lower()
    return f"{day}, {time} {date(value, 'T')}"


@register.simple_tag(takes_context=True)
def tax_status(context):
    """{% tax_status as text %}: the organisation's tax status in the page's
    language (ActionSettings.tax_status_in)."""
    request = context.get("request")
    if request is None:
        return ""
    return ActionSettings.for_request(request).tax_status_in(languages.active())


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
