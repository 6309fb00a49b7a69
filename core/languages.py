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
