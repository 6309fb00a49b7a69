from django import template
from django.template.defaultfilters import pluralize

register = template.Library()


@register.filter
def lockout_minutes(duration):
    """How long a lockout lasts, in words: “30 minutes”, “1 minute”."""
    minutes = max(1, round(duration.total_seconds() / 60))
    return f"{minutes} minute{pluralize(minutes)}"
