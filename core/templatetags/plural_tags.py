"""{{ years|plural_count }}: a number as `{% blocktranslate count %}` takes it.

gettext chooses a plural form from a whole number, and warns about any other.
Years lost are counted in halves (12.5): a whole number is passed on as it
is, and a fraction as 0, which takes the plural, as a fraction does in
English (“1.5 years”) and in Spanish (“1,5 años”)."""

from django import template

register = template.Library()


@register.filter
def plural_count(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0
    return int(number) if number.is_integer() else 0
