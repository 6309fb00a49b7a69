"""A translation's inline parts stay in its language through a sync (issue 16):
what staff do with wagtail-localize ("Sync translated pages", then publish)
copies the English page's gift impacts, featured stories and chosen actions
into each translation, so each must carry its translation's words and lead
to its translation's pages, where there are some."""

import pytest
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from actions.models import DonatePage, GiftImpact
from home.models import FeaturedStory, HomePage
from stories.models import ExonereeStoryPage, StoryRelatedAction, ThemePage, ThemeRelatedAction
from tests.factories import (
    ActionIndexPageFactory,
    DonatePageFactory,
    ExonereeStoryPageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)
from tests.locale_factories import spanish, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def sync(django_capture_on_commit_callbacks):
    """What "Sync translated pages" and the translation editor do: bring
    `page`'s source up to date, give its strings the Spanish in `strings`
    (by their English), and publish its Spanish translation, made if missing."""

    def sync(page, strings=None):
        source, created = TranslationSource.get_or_create_from_instance(page)
        if not created:
            source.update_from_db()
        translation, __ = Translation.objects.get_or_create(source=source, target_locale=spanish())
        segments = StringSegment.objects.filter(source=source).select_related("string")
        for segment in segments:
            if segment.string.data in (strings or {}):
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string,
                    locale=spanish(),
                    context=segment.context,
                    defaults={"data": strings[segment.string.data]},
                )
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)
        return page.get_translation(spanish()).specific

    return sync


def change(page, **fields):
    """An English edit, published, as staff make before syncing."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_a_donation_appeal_keeps_its_spanish_gift_impacts(home, sync):
    donate = DonatePageFactory(parent=ActionIndexPageFactory(parent=home))
    change(
        donate,
        gift_impacts=[
            GiftImpact(amount=25, description="pays for a records request", sort_order=0),
            GiftImpact(amount=100, description="pays for an investigator’s day", sort_order=1),
        ],
    )
    spanish_strings = {
        "pays for a records request": "paga una solicitud de registros",
        "pays for an investigator’s day": "paga un día de investigador",
    }
    sync(donate, spanish_strings)

    change(donate, teaser="Pay for the DNA tests that free people.")
    translated = sync(donate)

    impacts = translated.gift_impacts.all()
    assert [(impact.amount, impact.description) for impact in impacts] == [
        (25, "paga una solicitud de registros"),
        (100, "paga un día de investigador"),
    ]
    assert {impact.locale_id for impact in impacts} == {spanish().pk}


def test_the_spanish_home_keeps_its_stories_quote_and_action(home, sync):
    index = StoryIndexPageFactory(parent=home)
    lead = ExonereeStoryPageFactory(parent=index)
    untranslated = ExonereeStoryPageFactory(parent=index)
    petition = PetitionPageFactory(parent=ActionIndexPageFactory(parent=home))
    change(
        home,
        featured_stories=[
            FeaturedStory(story=lead, sort_order=0),
            FeaturedStory(story=untranslated, sort_order=1),
        ],
        hero_action_page=petition,
        hero_quote="Nobody checked the register.",
    )
    sync(home, {"Nobody checked the register.": "Nadie comprobó el registro."})
    spanish_lead = translate(lead, title="La historia")
    spanish_petition = translate(petition, title="Firme")

    change(home, intro="Read their stories.")
    translated = sync(home)

    # Each story and the action as the Spanish reader has them; a story not
    # translated yet stays the English one.
    links = translated.featured_stories.all()
    assert [link.story_id for link in links] == [spanish_lead.pk, untranslated.pk]
    assert translated.hero_action_page_id == spanish_petition.pk
    assert translated.hero_quote == "Nadie comprobó el registro."
    assert [lead.pk, untranslated.pk] == [
        link.story_id for link in HomePage.objects.get(pk=home.pk).featured_stories.all()
    ]


def test_themes_and_stories_keep_their_spanish_actions(home, sync):
    actions = ActionIndexPageFactory(parent=home)
    petition = PetitionPageFactory(parent=actions)
    letter = LetterPageFactory(parent=actions)
    theme = ThemePageFactory(parent=home)
    change(
        theme,
        related_actions=[
            ThemeRelatedAction(action=petition, sort_order=0),
            ThemeRelatedAction(action=letter, sort_order=1),
        ],
    )
    story = ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    change(story, related_actions=[StoryRelatedAction(action=letter)])
    sync(theme)
    sync(story)
    spanish_petition = translate(petition, title="Firme")
    spanish_letter = translate(letter, title="Escriba")

    change(theme, intro="How the evidence fails.")
    change(story, summary="A new summary.")
    spanish_theme, spanish_story = sync(theme), sync(story)

    assert [link.action_id for link in spanish_theme.related_actions.all()] == [
        spanish_petition.pk,
        spanish_letter.pk,
    ]
    assert [link.action_id for link in spanish_story.related_actions.all()] == [spanish_letter.pk]
    assert spanish_story.consent_on_file and spanish_story.legal_review_done


def fields_of(model):
    return {field.field_name: field for field in get_translatable_fields(model)}


def test_translators_get_the_inline_parts_and_never_the_private_fields():
    for model, relation in [
        (HomePage, "featured_stories"),
        (DonatePage, "gift_impacts"),
        (ThemePage, "related_actions"),
        (ExonereeStoryPage, "related_actions"),
    ]:
        assert isinstance(fields_of(model)[relation], TranslatableField), (model, relation)
    assert isinstance(fields_of(HomePage)["hero_action_page"], TranslatableField)
    assert isinstance(fields_of(HomePage)["hero_quote"], TranslatableField)
    story = fields_of(ExonereeStoryPage)
    for private in ("consent_on_file", "consent_note", "legal_review_note", "person_name"):
        assert isinstance(story[private], SynchronizedField), private
        assert not story[private].is_overridable(ExonereeStoryPage()), private
