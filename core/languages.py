"""The site's languages (settings.LANGUAGES), as the codes records keep: what
a visitor saw is stored as one of them, whatever variant the browser or a
page's locale names ("es-mx" is kept as "es")."""

from django.conf import settings
from django.utils import translation


def choices():
    """The languages as model field choices: read when asked, never at import."""
    return list(settings.LANGUAGES)


def supported(code):
    """`code` as one of settings.LANGUAGES: itself, or its general language,
    or else the site's default when the site does not speak it."""
    try:
        return translation.get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def active():
    """The language in which the visitor is being answered now."""
    return supported(translation.get_language())


def default():
    """The site's own language, in which every other is a translation."""
    return supported(settings.LANGUAGE_CODE)


def codes():
    """Every language's code, the site's default first as LANGUAGES lists it."""
    return [code for code, __ in settings.LANGUAGES]


def others():
    """The languages other than the site's default, as model field choices,
    by their English names ("Spanish"): the ones staff give wording in
    beside the default language's own fields."""
    return [
        (code, translation.get_language_info(code)["name"]) for code in codes() if code != default()
    ]
