from django import template
from django.template.defaultfilters import date

register = template.Library()


@register.filter(expects_localtime=True)
def deadline(value):
    """A deadline as readers expect it, in the site's time zone and naming it:
    “31 December 2026, 11:59 pm EST”. Django's “a” gives “p.m.”, which doubles
    the full stop that ends a sentence."""
    if not value:
        return ""
    return f"{date(value, 'j F Y, g:i')} {date(value, 'A').lower()} {date(value, 'T')}"
