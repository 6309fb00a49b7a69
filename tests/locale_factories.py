"""Spanish pages, factors and consent wording for tests (issue 16): translations made as
wagtail-localize makes them, through Wagtail's copy for translation."""

import factory

from wagtail.models import Locale

from actions.models import ConsentStatement
from stories.models import ContributingFactor

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
    """The Spanish locale, which a migration makes (core 0006)."""
    return Locale.objects.get(language_code="es")


def translate(page, **fields):
    """`page` translated into Spanish with `fields` changed, and published:
    its parents are translated first if they aren't yet, as they must be."""
    translation = page.specific.copy_for_translation(spanish(), copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def translate_factor(factor, **fields):
    """The Spanish translation of `factor`, with `fields` changed (its name
    and slug, say), saved."""
    translation = factor.copy_for_translation(spanish())
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return ContributingFactor.objects.get(pk=translation.pk)
