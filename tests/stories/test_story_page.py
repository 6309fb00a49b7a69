"""A story as readers see it: its case facts, related stories and timeline."""

import datetime
import re
from types import SimpleNamespace

import pytest

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags

from home.models import HomePage
from stories.blocks.timeline import timeline_entries
from stories.models import PRIVATE_FIELDS, ContributingFactor
from tests.factories import (
    ContributingFactorFactory,
    ExonereeStoryPageFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)
from tests.queries import within_budget


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

    def test_related_stories_rank_chosen_then_shared_factors_then_theme(self):
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

        with within_budget(2, "related stories"):  # the stories, their portraits' renditions
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
