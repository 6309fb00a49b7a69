"""The data migration that made inline rows translatable (home 0015,
actions 0012, stories 0022): each row takes its page's locale, and a
translation's rows the keys of its source's, by their order."""

import uuid

import pytest

from django.apps import apps

from actions.models import GiftImpact
from core.translated_rows import key_rows_like_their_pages
from tests.factories import ActionIndexPageFactory, DonatePageFactory
from tests.locale_factories import spanish, translate

pytestmark = pytest.mark.django_db


def test_a_translations_rows_share_their_source_rows_keys_by_order(home):
    english = DonatePageFactory(parent=ActionIndexPageFactory(parent=home))
    english.gift_impacts = [
        GiftImpact(amount=n, description=f"pays for {n}", sort_order=n) for n in (25, 50)
    ]
    english.save_revision().publish()
    translated = translate(english, title="Done")
    translated.gift_impacts = [
        GiftImpact(amount=n, description=f"paga {n}", sort_order=n) for n in (25, 50, 75)
    ]
    translated.save_revision().publish()
    # As the rows were before: keys of their own, none shared.
    for row in GiftImpact.objects.all():
        GiftImpact.objects.filter(pk=row.pk).update(translation_key=uuid.uuid4())

    key_rows_like_their_pages("actions", "GiftImpact")(apps, None)

    source = list(GiftImpact.objects.filter(page=english))
    rows = list(GiftImpact.objects.filter(page=translated))
    assert [row.translation_key for row in rows[:2]] == [row.translation_key for row in source]
    assert rows[2].translation_key not in {row.translation_key for row in source}
    assert {row.locale_id for row in rows} == {spanish().pk}
    assert {row.locale_id for row in source} == {english.locale_id}
