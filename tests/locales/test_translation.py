"""What translators see and what a translation copies (issue 16): a story's
private notes are synchronised, never extracted for translation; factors
are unique per language, and a translated story files under its language's
factors."""

import re

import pytest
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from django.db import IntegrityError, transaction

from stories.models import ContributingFactor
from tests.factories import (
    ContributingFactorFactory,
    ExonereeStoryPageFactory,
    StoryIndexPageFactory,
)
from tests.locale_factories import spanish, translate, translate_factor

pytestmark = pytest.mark.django_db

PRIVATE_NOTE = "Consent form in the locked cabinet, room 4."
LEGAL_NOTE = "Counsel asked us not to name the detective."


def test_private_notes_are_never_sent_for_translation(home):
    index = StoryIndexPageFactory(parent=home)
    story = ExonereeStoryPageFactory(
        parent=index,
        consent_note=PRIVATE_NOTE,
        legal_review_note=LEGAL_NOTE,
        summary="A summary to translate.",
    )

    segments = extract_segments(story)
    strings = {s.path: s.string.data for s in segments if isinstance(s, StringSegmentValue)}

    assert strings["summary"] == "A summary to translate."
    assert PRIVATE_NOTE not in strings.values()
    assert LEGAL_NOTE not in strings.values()
    assert not {"consent_note", "legal_review_note", "person_name"} & set(strings)
    # Nor may a translator override them.
    assert not [s for s in segments if s.path in ("consent_note", "legal_review_note")]


def test_a_translation_keeps_the_private_notes_and_case_facts(home):
    index = StoryIndexPageFactory(parent=home)
    story = ExonereeStoryPageFactory(
        parent=index, consent_note=PRIVATE_NOTE, dna_based=True, conviction_year=1990
    )
    translated = translate(story, title="La historia")
    assert translated.consent_note == PRIVATE_NOTE
    assert (translated.dna_based, translated.conviction_year) == (True, 1990)
    assert translated.person_name == story.person_name


def test_factor_names_and_slugs_are_unique_within_a_language_only():
    factor = ContributingFactorFactory(name="Bad lab work", slug="bad-lab-work")
    same_in_spanish = translate_factor(factor)  # the same name and slug, in Spanish
    assert same_in_spanish.locale == spanish()
    assert (same_in_spanish.name, same_in_spanish.slug) == (factor.name, factor.slug)

    for field in ({"name": "Bad lab work"}, {"slug": "bad-lab-work"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ContributingFactorFactory(**{"name": "Other", "slug": "other", **field})


def test_existing_factors_are_english():
    assert not ContributingFactor.objects.exclude(locale__language_code="en").exists()


def test_a_translated_story_files_under_its_language_factors(home):
    index = StoryIndexPageFactory(parent=home)
    translated_factor = ContributingFactor.objects.get(registry_code="MWID")
    untranslated = ContributingFactor.objects.get(registry_code="FC")
    spanish_factor = translate_factor(translated_factor, name="Identificación", slug="id")
    story = ExonereeStoryPageFactory(parent=index, factors=[translated_factor, untranslated])

    translated = translate(story, title="La historia")

    # Its own language's factor where there is one; the English one until then.
    assert set(translated.factors.all()) == {spanish_factor, untranslated}
    assert set(story.factors.all()) == {translated_factor, untranslated}


def factor_choices(admin_client, url):
    html = admin_client.get(url).content.decode()
    return set(re.findall(r'name="factors" value="(\d+)"', html))


def test_the_story_editor_offers_the_factors_of_the_story_language(admin_client, home):
    index = StoryIndexPageFactory(parent=home)
    translate(index, title="Historias")
    es_index = index.get_translation(spanish())
    english_factor = ContributingFactor.objects.get(registry_code="MWID")
    spanish_factor = translate_factor(english_factor, name="Identificación", slug="id")
    untranslated = ContributingFactor.objects.get(registry_code="FC")
    # Written in Spanish, not translated: filed under an English factor for now.
    story = ExonereeStoryPageFactory(parent=es_index, factors=[untranslated])

    offered = factor_choices(admin_client, f"/admin/pages/{story.pk}/edit/")
    assert offered == {str(spanish_factor.pk), str(untranslated.pk)}
    offered = factor_choices(
        admin_client, f"/admin/pages/add/stories/exonereestorypage/{es_index.pk}/"
    )
    assert offered == {str(spanish_factor.pk)}
    offered = factor_choices(
        admin_client, f"/admin/pages/add/stories/exonereestorypage/{index.pk}/"
    )
    assert str(english_factor.pk) in offered and str(spanish_factor.pk) not in offered
