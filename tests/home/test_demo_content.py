import io
import json

import pytest
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, PageLogEntry, Revision, Site

from core.demo_translations import without_ids
from core.models import organisation_details
from home.demo import HOME, SITE
from home.management.commands.load_demo_content import DEV_ADMIN_USERNAME
from home.models import HomePage, InformationPage
from stories.checks import check_every_factor_has_a_theme
from stories.demo import STORIES, THEMES
from stories.models import ContributingFactor, ExonereeStoryPage, StoryIndexPage, ThemePage
from tests.home.spanish_demo import assert_the_inline_parts_are_spanish

pytestmark = pytest.mark.django_db


def load_demo_content():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def snapshot():
    """Everything the demo command may create or change."""
    return {
        "pages": list(Page.objects.values_list("pk", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
        "users": list(get_user_model().objects.values_list("username", "password")),
        "factors": list(ContributingFactor.objects.values_list("slug", "theme_id")),
        "stories": list(
            ExonereeStoryPage.objects.order_by("pk").values_list(
                "pk", "slug", "live", "latest_revision_id", "portrait_id", "portrait_alt"
            )
        ),
        "factors_per_story": {
            story.pk: sorted(story.factors.values_list("slug", flat=True))
            for story in ExonereeStoryPage.objects.all()
        },
        "images": list(get_image_model().objects.order_by("pk").values_list("pk", "title", "file")),
        "collections": list(Collection.objects.values_list("pk", "name")),
    }


def sample_stories():
    index = StoryIndexPage.objects.get(locale__language_code="en")
    return ExonereeStoryPage.objects.child_of(index).live().order_by("path")


def test_it_rebuilds_a_site_that_lost_its_home_page(settings):
    settings.DEBUG = False
    Site.objects.all().delete()
    HomePage.objects.all().delete()

    load_demo_content()

    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


class LoadedOnce:
    """The demo content, loaded once for the class (a run takes seconds) with
    `DEBUG` as the class says, and rolled back after its last test. Each test
    runs in a transaction of its own inside that one, so a test that edits or
    runs the command again is rolled back before the next."""

    DEBUG = False

    @pytest.fixture(scope="class", autouse=True)
    @classmethod
    def demo_content(cls, django_db_setup, django_db_blocker):
        with (
            django_db_blocker.unblock(),
            override_settings(DEBUG=cls.DEBUG),
            transaction.atomic(),
        ):
            cls.output = load_demo_content()
            yield
            transaction.set_rollback(True)


def spanish_demo_pages():
    return Page.objects.filter(locale__language_code="es").specific()


class SpanishTranslations:
    """What TestAProductionRun checks of the Spanish: staff learning the
    product from the demo find its translation workflow working, each
    Spanish page and factor a wagtail-localize translation of its English
    source, with every string in Spanish."""

    def test_each_spanish_page_and_factor_is_a_complete_translation_of_its_english(self):
        spanish = [
            *spanish_demo_pages(),
            *ContributingFactor.objects.filter(locale__language_code="es"),
        ]
        assert len(spanish) >= 20
        for instance in spanish:
            translation = Translation.objects.get(
                source__object_id=instance.translation_key, target_locale=instance.locale
            )
            assert translation.enabled, instance
            assert translation.source.locale.language_code == "en", instance
            total, translated = translation.get_progress()
            assert total == translated > 0, instance

    def test_private_fields_are_synchronised_not_translated(self):
        paths = StringSegment.objects.values_list("context__path", flat=True)
        assert not {"consent_note", "legal_review_note", "person_name"} & set(paths)

    def test_the_english_story_offers_to_sync_its_translations(self, admin_client):
        story = sample_stories().filter(translation_key__in=translated_keys()).first()
        source = TranslationSource.objects.get_for_instance(story)
        response = admin_client.get(f"/admin/pages/{story.pk}/edit/")
        assert response.status_code == 200
        assert "Sync translated pages" in response.content.decode()
        assert reverse("wagtail_localize:update_translations", args=[source.pk]) in (
            response.content.decode()
        )

    def test_syncing_keeps_the_spanish_text(self, admin_client, django_capture_on_commit_callbacks):
        before = {page.pk: (page.title, page.slug, page.url) for page in spanish_demo_pages()}
        bodies = {page.pk: page.body.get_prep_value() for page in spanish_stories()}
        sources = TranslationSource.objects.filter(locale__language_code="en")
        for source in sources.exclude(specific_content_type__model="contributingfactor"):
            with django_capture_on_commit_callbacks(execute=True):
                response = admin_client.post(
                    reverse("wagtail_localize:update_translations", args=[source.pk]),
                    {"publish_translations": "on"},
                )
            assert response.status_code == 302

        after = {page.pk: (page.title, page.slug, page.url) for page in spanish_demo_pages()}
        assert after == before
        for story in spanish_stories():
            assert story.body.get_prep_value() == bodies[story.pk], story.title
            assert story.live and story.consent_on_file and story.legal_review_done
        assert_the_inline_parts_are_spanish()

    def test_a_spanish_page_opens_in_the_translation_editor(self, admin_client):
        for page in spanish_stories():
            response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
            assert response.status_code == 200
            assert "wagtail_localize/admin/edit_translation.html" in {
                template.name for template in response.templates
            }
            # The editor's strings come filled in with the Spanish.
            props = json.loads(response.context["props"])
            strings = {string["data"] for string in props["initialStringTranslations"]}
            assert page.summary in strings


def spanish_stories():
    return ExonereeStoryPage.objects.filter(locale__language_code="es")


def translated_keys():
    return spanish_stories().values_list("translation_key", flat=True)


class TestADevelopmentRun(LoadedOnce):
    DEBUG = True

    def test_dev_gets_a_local_admin_account_and_is_told_how_to_log_in(self):
        assert get_user_model().objects.get(username=DEV_ADMIN_USERNAME).is_superuser
        assert "username admin" in self.output

    def test_a_second_run_changes_and_duplicates_nothing(self):
        before = snapshot()

        output = load_demo_content()

        assert snapshot() == before
        assert "nothing changed" in output


class TestAProductionRun(LoadedOnce, SpanishTranslations):
    """What one run builds, as on a production site (DEBUG off)."""

    def test_builds_the_home_page_and_site(self):
        home = HomePage.objects.get(locale__language_code="en")
        assert home.live
        assert home.title == HOME["title"]
        assert home.intro == HOME["intro"]
        assert Site.objects.get(is_default_site=True).root_page_id == home.pk

    def test_the_spanish_pages_are_reached_by_their_addresses(self, client):
        # The page tree is whole (a page saved with a stale count of its
        # children hides them from routing), and each Spanish page answers.
        assert Page.find_problems() == ([], [], [], [], [])
        spanish = Page.objects.live().filter(locale__language_code="es").exclude(depth=2)
        assert spanish.count() >= 10
        for page in spanish.specific():
            assert client.get(page.url).status_code == 200, page.url

    def test_the_spanish_pages_show_the_navigation_in_spanish(self, client):
        navigation = SITE["navigation"]
        spanish = client.get("/es/").content.decode()
        header, footer = spanish.split("</header>", 1)
        assert f">{navigation['button']['es']['label']}</a>" in header
        assert f">{navigation['footer_links'][0]['es']['label']}</a>" in footer
        assert navigation["es"]["footer_text"] in footer
        with translation.override("es"):
            organisation = organisation_details(RequestFactory().get("/es/"))
        assert organisation["share_text"] == SITE["organisation"]["es"]["share_text"]
        english = client.get("/").content.decode()
        assert f">{navigation['button']['label']}</a>" in english
        assert f">{navigation['footer_links'][0]['label']}</a>" in english
        assert navigation["es"]["footer_text"] not in english

    def test_production_never_gets_an_admin_account(self):
        assert not get_user_model().objects.exists()
        assert "password" not in self.output

    def test_builds_the_three_theme_explainers_and_maps_factors_to_them(self):
        home = HomePage.objects.get(locale__language_code="en")
        themes = ThemePage.objects.child_of(home).live()
        assert {theme.title for theme in themes} == {
            "The Evidence",
            "The Eyewitness",
            "The Prosecution",
        }
        for theme in themes:
            mapped = set(theme.factors.values_list("slug", flat=True))
            assert mapped == set(THEMES[theme.slug]["factors"])
        # Every factor has a theme, so the deploy check passes on the demo.
        assert not ContributingFactor.objects.filter(theme__isnull=True).exists()
        assert ContributingFactor.objects.get(slug="inadequate-legal-defense").theme.slug == (
            "the-prosecution"
        )
        assert check_every_factor_has_a_theme(None, databases=["default"]) == []

    def test_each_theme_explains_with_sections_a_key_figure_steps_reforms_and_sources(self):
        for theme in ThemePage.objects.all():
            kinds = {block.block_type for block in theme.body}
            assert {"section", "statistic", "steps", "reforms", "citation"} <= kinds, theme.title
            for statistic in theme.body.blocks_by_name("statistic"):
                assert statistic.value["source_title"], theme.title
            for block in theme.body:
                block.block.clean(block.value)  # what the editor would accept

    def test_builds_the_story_index_under_the_home_page(self):
        index = StoryIndexPage.objects.get(locale__language_code="en")
        assert index.live
        assert (index.title, index.slug) == ("Stories", "stories")
        assert index.intro
        assert index.get_parent().specific_class is HomePage

    def test_builds_at_least_ten_published_sample_stories_with_consent_and_factors(self):
        stories = sample_stories()
        assert stories.count() == len(STORIES) >= 10
        summary_limit = ExonereeStoryPage._meta.get_field("summary").max_length
        note_limit = ExonereeStoryPage._meta.get_field("content_note").max_length
        for story in stories:
            assert story.is_sample
            assert story.consent_on_file
            assert story.legal_review_done
            assert story.factors.exists()
            assert story.title == story.person_name
            assert 0 < len(story.summary) <= summary_limit
            assert len(story.content_note) <= note_limit
            assert story.crime_year <= story.conviction_year <= story.exoneration_year
            story.full_clean()  # what the editor would accept

    def test_sample_stories_are_varied(self):
        stories = list(sample_stories())
        assert len({story.jurisdiction for story in stories}) >= 8
        assert len({story.basis for story in stories}) == 4
        assert {story.dna_based for story in stories} == {True, False}
        assert sum(story.death_row for story in stories) == 1
        assert 0 < sum(story.years_lost_known is not None for story in stories) < len(stories)
        assert 0 < sum(bool(story.content_note) for story in stories) < len(stories)
        used = {slug for story in stories for slug in story.factors.values_list("slug", flat=True)}
        english = ContributingFactor.objects.filter(locale__language_code="en")
        assert used == set(english.values_list("slug", flat=True))

    def test_each_sample_story_has_a_generated_portrait_with_a_description(self):
        for story in sample_stories():
            portrait = story.portrait
            assert portrait.title == f"Sample portrait: {story.person_name}"
            assert portrait.collection.name == "Sample content"
            assert (portrait.width, portrait.height) == (800, 1000)
            assert portrait.file_size > 0
            assert len(portrait.file_hash) == 40
            assert story.portrait_alt.startswith("Illustration with the initials ")
            assert story.portrait_alt.endswith("— sample content")
            assert story.portrait_credit == "Generated illustration"
        assert get_image_model().objects.count() == len(STORIES)

    def test_each_sample_story_body_has_text_a_quote_a_timeline_and_fictional_sources(self):
        for story in sample_stories():
            kinds = [block.block_type for block in story.body]
            assert {"text", "quote", "timeline", "citation"} <= set(kinds)
            timeline = story.body.first_block_by_name("timeline").value
            assert 3 <= len(timeline["events"]) <= 4
            for citation in story.body.blocks_by_name("citation"):
                assert "(fictional)" in citation.value["title"]
                assert citation.value["url"].startswith("https://example.org/")

    def test_builds_the_calls_to_action_with_sample_signatures(self):
        from actions.models import ActionSettings, DonatePage, LetterPage, PetitionPage, SignUpPage

        petition = PetitionPage.objects.live().get(locale__language_code="en")
        assert petition.goal > petition.signature_count() >= 100
        assert all(
            email.endswith("@example.org")
            for email in petition.signatures.values_list("email", flat=True)
        )
        assert (
            LetterPage.objects.live()
            .get(locale__language_code="en")
            .recipient_email.endswith("example.org")
        )
        assert DonatePage.objects.live().get(locale__language_code="en").amount_links()
        assert SignUpPage.objects.live().get(locale__language_code="en").form_fields.count() == 4
        settings = ActionSettings.for_site(Site.objects.get(is_default_site=True))
        assert settings.default_action_id == petition.pk
        assert "anonymise" in settings.privacy_page.specific.body
        for theme in ThemePage.objects.all():
            assert theme.related_actions.exists(), theme.title

    def test_spanish_readers_get_the_privacy_notice_and_tax_status_in_spanish(self, client):
        from actions.models import DonatePage

        privacidad = client.get("/es/actions/privacy/")
        assert privacidad.url == "/es/privacidad/"
        assert "anonimizamos" in client.get(privacidad.url).content.decode()
        dona = DonatePage.objects.live().get(locale__language_code="es")
        assert "sin fines de lucro" in client.get(dona.url).content.decode()

    def test_the_privacy_notice_says_what_is_counted_in_both_languages(self, client):
        english = InformationPage.objects.get(slug="privacy", locale__language_code="en")
        spanish = english.get_translation(Locale.objects.get(language_code="es"))
        for page, said in [
            (english, ["no cookie", "Do Not Track", "Global Privacy Control", "bots"]),
            (spanish, ["sin cookies", "No rastrear", "Control Global", "robots"]),
        ]:
            text = client.get(page.url).text
            for words in [*said, "utm_source", "utm_campaign", "IP"]:
                assert words in text, (page.url, words)

    def test_the_short_link_leads_to_the_petition(self, client):
        from actions.models import PetitionPage

        response = client.get("/sign")
        assert response.status_code == 302
        assert response["Location"].endswith(
            PetitionPage.objects.get(locale__language_code="en").url
        )

    def test_a_rerun_puts_back_an_edited_sample_story_in_one_revision(self):
        story = sample_stories().first()
        factors = sorted(story.factors.values_list("slug", flat=True))
        body = story.body.get_prep_value()
        story.factors.set([])
        story.body = [("text", "<p>Edited.</p>")]
        story.save_revision().publish()
        revisions = Revision.objects.count()

        output = load_demo_content()

        story = ExonereeStoryPage.objects.get(pk=story.pk)
        assert sorted(story.factors.values_list("slug", flat=True)) == factors
        # Block ids aside: the ones put back (a list block's items too) are new.
        assert without_ids(story.body.get_prep_value()) == without_ids(body)
        assert Revision.objects.count() == revisions + 1
        assert f"Updated the exoneree story “{story.title}”: body, factors." in output

    def test_a_rerun_reuses_the_portraits_it_already_made(self):
        images = list(get_image_model().objects.order_by("pk").values_list("pk", flat=True))
        ExonereeStoryPage.objects.all().delete()

        load_demo_content()

        assert sample_stories().count() == len(STORIES)
        assert list(get_image_model().objects.order_by("pk").values_list("pk", flat=True)) == images
        assert {story.portrait_id for story in sample_stories()} == set(images)
