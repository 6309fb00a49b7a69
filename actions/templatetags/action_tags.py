from django import template
from django.template.defaultfilters import date

from actions.models import ActionPage

register = template.Library()


@register.filter(expects_localtime=True)
def deadline(value):
    """A deadline as readers expect it, in the site's time zone and naming it:
    “31 December 2026, 11:59 pm EST”. Django's “a” gives “p.m.”, which doubles
    the full stop that ends a sentence."""
    if not value:
        return ""
    return f"{date(value, 'j F Y, g:i')} {date(value, 'A').lower()} {date(value, 'T')}"


@register.simple_tag(takes_context=True)
def related_actions(context, page):
    """The actions shown at the end of a story or explainer (`page`): those
    staff chose for it, else the site's default. {% related_actions page as actions %}"""
    return ActionPage.chosen_for(page, context.get("request"))
