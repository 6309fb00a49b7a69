import datetime
import re
from types import SimpleNamespace

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from actions.models import ActionSettings
from home.models import HomePage
from stories.blocks.timeline import timeline_entries
from stories.models import PRIVATE_FIELDS, ContributingFactor, ExonereeStoryPage, StoryIndexPage
from stories.models.story import CONSENT_REQUIRED, LEGAL_REVIEW_REQUIRED
from tests.admin import create_as_editor
from tests.factories import (
    ActionIndexPageFactory,
    ContributingFactorFactory,
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)


def action_section(html):
    """The calls to action at the end of a story, as a reader sees them."""
    return re.findall(r'href="(/actions/[^"]+)"', html)


def story_form(**overrides):
    data = {
        "title": "The story of Sam Rivera",
        "slug": "sam-rivera",
        "person_name": "Sam Rivera",
        "summary": "Convicted on a mistaken identification.",
        "jurisdiction": "TX",
        "county": "Sample County",
        "crimes_charged": "Robbery",
        "sentence": "25 years",
        "crime_year": "1994",
        "conviction_year": "1995",
        "exoneration_year": "2006",
        "basis": "innocent",
        "compensation": "unknown",
        "factors": str(ContributingFactor.objects.get(slug="mistaken-witness-identification").pk),
        "consent_on_file": "on",
        "legal_review_done": "on",
        "body": streamfield(
            [
                ("text", rich_text("<p>Sam was nineteen.</p>")),
                ("quote", {"quote": "I never stopped saying it.", "attribution": "Sam Rivera"}),
                (
                    "timeline",
                    {
                        "heading": "Case timeline",
                        "events": streamfield(
                            [
                                ("item", {"date": "1994", "event": "A robbery."}),
                                ("item", {"date": "2006", "event": "Exonerated."}),
                            ]
                        ),
                    },
                ),
                ("citation", {"title": "Sample ruling", "publisher": "Sample Court", "url": ""}),
            ]
        ),
        "related_stories": inline_formset([]),
        "related_actions": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


class StoryAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = StoryIndexPageFactory(parent=HomePage.objects.get())
        editors = Group.objects.get(name="Editors")
        editors.permissions.add(Permission.objects.get(codename="access_admin"))
        cls.editor = cls.create_user("editor", password="pw")
        cls.editor.groups.add(editors)
        cls.moderator = cls.create_user("moderator", password="pw")
        cls.moderator.groups.add(Group.objects.get(name="Moderators"), editors)

    def add_url(self):
        return f"/admin/pages/add/stories/exonereestorypage/{self.index.pk}/"

    def test_the_preview_shows_the_default_action_as_the_live_page_does(self):
        home = HomePage.objects.get()
        petition = PetitionPageFactory(
            parent=ActionIndexPageFactory(parent=home), title="Review bite-mark convictions"
        )
        ActionSettings.objects.create(site=home.get_site(), default_action=petition)
        story = ExonereeStoryPageFactory(parent=self.index)
        self.client.force_login(self.moderator)
        preview_url = f"/admin/pages/{story.pk}/edit/preview/"

        self.client.post(preview_url, story_form(slug=story.slug))
        preview = self.client.get(preview_url).content.decode()

        live = self.client.get(story.url).content.decode()
        self.assertIn("Review bite-mark convictions", live)
        self.assertIn("Review bite-mark convictions", preview)
        self.assertEqual(action_section(preview), action_section(live))

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(ExonereeStoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(ExonereeStoryPage, set())
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})

    def test_an_editor_who_is_not_a_superuser_creates_a_story(self):
        self.client.force_login(self.editor)
        story = create_as_editor(self, self.index, ExonereeStoryPage, story_form())
        self.assertEqual(
            [b.block_type for b in story.body], ["text", "quote", "timeline", "citation"]
        )
        self.assertFalse(story.live)  # editors draft; they can't publish

    def test_the_story_renders_routes_and_previews(self):
        story = ExonereeStoryPageFactory(parent=self.index)
        self.client.force_login(self.moderator)
        self.assertPageIsRoutable(story)
        self.assertPageIsRenderable(story)
        self.assertPageIsPreviewable(story, post_data=story_form(slug=story.slug))

    def test_dates_out_of_order_are_refused_on_the_field(self):
        self.client.force_login(self.moderator)
        response = self.client.post(
            self.add_url(),
            story_form(conviction_year="1990", exoneration_year=str(timezone.now().year + 1)),
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("The conviction can’t come before the crime.", form.errors["conviction_year"])
        self.assertIn(
            f"This can’t be later than {timezone.now().year}.", form.errors["exoneration_year"]
        )
        self.assertFalse(ExonereeStoryPage.objects.exists())

    def test_publishing_without_consent_is_refused_with_the_message(self):
        self.client.force_login(self.moderator)
        response = self.client.post(
            self.add_url(), story_form(consent_on_file="", **{"action-publish": "action-publish"})
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "consent is on file")
        self.assertIn(CONSENT_REQUIRED, response.context["form"].errors["consent_on_file"])
        self.assertFalse(ExonereeStoryPage.objects.filter(live=True).exists())

    def test_scheduling_without_consent_is_refused(self):
        self.client.force_login(self.moderator)
        go_live = (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
        response = self.client.post(
            self.add_url(),
            story_form(
                consent_on_file="", go_live_at=go_live, **{"action-publish": "action-publish"}
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(CONSENT_REQUIRED, response.context["form"].errors["consent_on_file"])
        self.assertFalse(ExonereeStoryPage.objects.exists())

    def test_publishing_without_legal_review_is_refused_with_the_message(self):
        story = ExonereeStoryPageFactory(parent=self.index, live=False, legal_review_done=False)
        self.client.force_login(self.moderator)

        response = self.client.post(
            f"/admin/pages/{story.pk}/edit/",
            story_form(
                slug=story.slug, legal_review_done="", **{"action-publish": "action-publish"}
            ),
        )

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "until the legal review is done")
        form = response.context["form"]
        self.assertEqual(form.errors["legal_review_done"], [LEGAL_REVIEW_REQUIRED])
        self.assertNotIn("consent_on_file", form.errors)
        story.refresh_from_db()
        self.assertFalse(story.live)

    def test_publishing_with_neither_names_both_on_their_fields(self):
        self.client.force_login(self.moderator)
        response = self.client.post(
            self.add_url(),
            story_form(
                consent_on_file="", legal_review_done="", **{"action-publish": "action-publish"}
            ),
        )
        form = response.context["form"]
        self.assertEqual(form.errors["consent_on_file"], [CONSENT_REQUIRED])
        self.assertEqual(form.errors["legal_review_done"], [LEGAL_REVIEW_REQUIRED])
        self.assertFalse(ExonereeStoryPage.objects.exists())

    def test_a_draft_without_legal_review_can_be_saved(self):
        self.client.force_login(self.editor)
        response = self.client.post(self.add_url(), story_form(legal_review_done=""))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ExonereeStoryPage.objects.get().legal_review_done)

    def test_a_draft_without_consent_can_be_saved(self):
        self.client.force_login(self.editor)
        response = self.client.post(self.add_url(), story_form(consent_on_file=""))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ExonereeStoryPage.objects.get().live)

    def test_workflow_approval_without_consent_publishes_nothing(self):
        workflow = Workflow.objects.create(name="Legal and consent review")
        task = GroupApprovalTask.objects.create(name="Moderators approve")
        task.groups.set(Group.objects.filter(name="Moderators"))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=self.index)
        story = ExonereeStoryPageFactory(parent=self.index, live=False, consent_on_file=False)
        story.save_revision(user=self.editor)
        workflow.start(story, self.editor)

        with self.assertRaisesMessage(PublishPermissionError, CONSENT_REQUIRED):
            story.current_workflow_task_state.task.on_action(
                story.current_workflow_task_state, self.moderator, "approve"
            )
        story.refresh_from_db()
        self.assertFalse(story.live)

    def test_workflow_approval_without_legal_review_publishes_nothing(self):
        workflow = Workflow.objects.create(name="Legal and consent review")
        task = GroupApprovalTask.objects.create(name="Moderators approve")
        task.groups.set(Group.objects.filter(name="Moderators"))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=self.index)
        story = ExonereeStoryPageFactory(parent=self.index, live=False, legal_review_done=False)
        story.save_revision(user=self.editor)
        workflow.start(story, self.editor)

        with self.assertRaisesMessage(PublishPermissionError, LEGAL_REVIEW_REQUIRED):
            story.current_workflow_task_state.task.on_action(
                story.current_workflow_task_state, self.moderator, "approve"
            )
        story.refresh_from_db()
        self.assertFalse(story.live)
        self.assertFalse(story.legal_review_done)  # approving records nothing by itself

    def test_scheduled_publishing_skips_a_story_without_legal_review(self):
        story = ExonereeStoryPageFactory(parent=self.index, live=False, legal_review_done=False)
        revision = story.save_revision(
            approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
        )

        call_command("publish_scheduled")

        story.refresh_from_db()
        revision.refresh_from_db()
        self.assertFalse(story.live)
        self.assertIsNone(revision.approved_go_live_at)

    def test_scheduled_publishing_never_publishes_a_story_without_consent(self):
        # Consent withdrawn after the story was scheduled: the run goes on
        # for other pages, this story stays offline and loses its schedule.
        story = ExonereeStoryPageFactory(parent=self.index, live=False, consent_on_file=False)
        revision = story.save_revision()
        revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
        revision.save()
        other = ExonereeStoryPageFactory(parent=self.index, live=False)
        other_revision = other.save_revision()
        other_revision.approved_go_live_at = revision.approved_go_live_at
        other_revision.save()

        call_command("publish_scheduled")

        story.refresh_from_db()
        revision.refresh_from_db()
        other.refresh_from_db()
        self.assertFalse(story.live)
        self.assertIsNone(revision.approved_go_live_at)
        self.assertTrue(other.live)


@pytest.mark.django_db
class TestStoryModel:
    def test_years_lost_counts_from_conviction_to_exoneration(self):
        index = StoryIndexPageFactory(parent=HomePage.objects.get())
        story = ExonereeStoryPageFactory(parent=index, conviction_year=1995, exoneration_year=2006)
        assert story.years_lost == 11

    def test_a_precise_figure_wins_over_the_dates(self):
        index = StoryIndexPageFactory(parent=HomePage.objects.get())
        story = ExonereeStoryPageFactory(parent=index, years_lost_known="11.5")
        story.refresh_from_db()
        assert str(story.years_lost) == "11.5"

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"jurisdiction": "OTHER", "other_jurisdiction": ""}, "other_jurisdiction"),
            ({"crime_year": 1850}, "crime_year"),
            ({"consent_date": datetime.date(2999, 1, 1)}, "consent_date"),
        ],
    )
    def test_field_rules(self, changes, field):
        story = ExonereeStoryPageFactory(
            parent=StoryIndexPageFactory(parent=HomePage.objects.get())
        )
        for name, value in changes.items():
            setattr(story, name, value)
        with pytest.raises(ValidationError) as error:
            story.full_clean()
        assert field in error.value.message_dict

    def test_related_stories_fall_back_to_shared_factors(self):
        index = StoryIndexPageFactory(parent=HomePage.objects.get())
        forensic = ContributingFactor.objects.get(slug="false-or-misleading-forensic-evidence")
        other = ContributingFactor.objects.get(slug="false-confession")
        story = ExonereeStoryPageFactory(parent=index, factors=[forensic])
        sharing = ExonereeStoryPageFactory(parent=index, factors=[forensic])
        ExonereeStoryPageFactory(parent=index, factors=[other])

        assert list(story.get_related_stories()) == [sharing]

    def test_visitors_see_the_case_facts_with_factors_linked_to_their_theme(self, client):
        home = HomePage.objects.get()
        theme = ThemePageFactory(parent=home, title="The Eyewitness", slug="the-eyewitness")
        factor = ContributingFactor.objects.get(slug="mistaken-witness-identification")
        factor.theme = theme
        factor.save()
        index = StoryIndexPageFactory(parent=home)
        story = ExonereeStoryPageFactory(
            parent=index, factors=[factor], content_note="This story describes an assault."
        )

        html = client.get(story.url).content.decode()

        link = rf'<a class="factor look-{theme.look}"\s+href="{theme.url}">\s*Mistaken witness'
        assert re.search(link, html)
        assert html.index("This story describes an assault.") < html.index("A sample story")
        assert "Declared innocent" in html

    def test_related_stories_rank_chosen_then_shared_factors_then_theme(
        self, django_assert_max_num_queries
    ):
        home = HomePage.objects.get()
        eyewitness, evidence = ThemePageFactory(parent=home), ThemePageFactory(parent=home)
        lineup, informant, composite = ContributingFactorFactory.create_batch(3, theme=eyewitness)
        forensic = ContributingFactorFactory(theme=evidence)
        index = StoryIndexPageFactory(parent=home)
        story = ExonereeStoryPageFactory(parent=index, factors=[lineup, informant])
        # Created oldest first: recency must not decide the order.
        same_theme = ExonereeStoryPageFactory(parent=index, factors=[composite])
        one_shared = ExonereeStoryPageFactory(parent=index, factors=[informant, forensic])
        two_shared = ExonereeStoryPageFactory(parent=index, factors=[lineup, informant])
        chosen = ExonereeStoryPageFactory(parent=index, factors=[forensic])
        ExonereeStoryPageFactory(parent=index, factors=[forensic])  # unrelated
        story.related_stories.create(story=chosen)
        story.save()

        with django_assert_max_num_queries(2):  # the stories, their portraits' renditions
            related = list(story.get_related_stories(limit=10))

        assert related == [chosen, two_shared, one_shared, same_theme]
        assert [s.pk for s in story.get_related_stories(limit=2)] == [chosen.pk, two_shared.pk]

    def test_private_fields_never_reach_the_story_page(self, client):
        index = StoryIndexPageFactory(parent=HomePage.objects.get())
        story = ExonereeStoryPageFactory(
            parent=index, consent_note="CONSENT-NOTE-SECRET", legal_review_note="LEGAL-NOTE-SECRET"
        )

        html = client.get(story.url).content.decode()

        assert story.person_name in html
        assert "SECRET" not in html
        for name in PRIVATE_FIELDS:
            assert name not in html

    def test_no_space_before_a_comma_anywhere_in_the_story(self, client):
        home = HomePage.objects.get()
        theme = ThemePageFactory(parent=home, title="The Prosecution", slug="the-prosecution")
        misconduct = ContributingFactor.objects.get(slug="official-misconduct")
        misconduct.theme = theme
        misconduct.save()
        factors = [
            ContributingFactor.objects.get(slug="inadequate-legal-defense"),
            misconduct,
            ContributingFactor.objects.get(slug="false-confession"),
        ]
        story = ExonereeStoryPageFactory(
            parent=StoryIndexPageFactory(parent=home),
            factors=factors,
            dna_based=True,
            body=[
                ("citation", {"title": "Ruling", "publisher": "Sample Court", "url": ""}),
                ("citation", {"title": "Entry", "publisher": "Registry", "url": "https://x.org"}),
            ],
        )

        text = " ".join(strip_tags(client.get(story.url).content.decode()).split())

        assert "False confession, Inadequate legal defense, Official misconduct" in text
        assert "Declared innocent, with DNA evidence" in text
        assert "Ruling, Sample Court" in text
        assert "Entry, Registry" in text
        assert " ," not in text


def test_a_timeline_marks_the_years_in_prison_and_says_when_they_ended():
    story = SimpleNamespace(conviction_year=1995, exoneration_year=2006, years_lost=11)
    events = [
        {"date": "12 June 1994", "event": "The crime."},
        {"date": "March 1995", "event": "Convicted."},
        {"date": "Spring 2004", "event": "A law clinic takes the case."},
        {"date": "2006", "event": "Freed."},
        {"date": "2011", "event": "Compensated."},
    ]

    entries = timeline_entries(events, story)

    assert [entry.in_custody for entry in entries] == [False, True, True, False, False]
    assert [entry.freed_after for entry in entries] == [None, None, None, 11, None]
    # A theme's timeline, or an editor's preview of the block, is just a list.
    assert not any(entry.in_custody or entry.freed_after for entry in timeline_entries(events))
