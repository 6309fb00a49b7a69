"""Factories for the site in Spanish: the locale, a page's Spanish translation
and consent wording in Spanish (tests/factories.py holds the rest)."""

import factory

from wagtail.models import Locale

from actions.models import ConsentStatement

SPANISH_CONSENT = (
    "Al firmar, acepta que entreguemos su nombre y su código postal con esta petición. "
    "Puede pedirnos que exportemos o borremos sus datos en cualquier momento."
)


class ConsentStatementFactory(factory.django.DjangoModelFactory):
    text = factory.Sequence(lambda n: f"Version {n}: we deliver your name with the petition.")
    language = "en"

    class Meta:
        model = ConsentStatement


class SpanishConsentFactory(ConsentStatementFactory):
    text = SPANISH_CONSENT
    language = "es"


def spanish():
    """The Spanish locale, made as staff add it under Settings → Locales."""
    return Locale.objects.get_or_create(language_code="es")[0]


def in_spanish(page, **fields):
    """`page`'s Spanish translation, published, with `fields` written in
    Spanish: made as Wagtail's "Translate" makes it (its parents too)."""
    translation = page.copy_for_translation(spanish(), copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific
