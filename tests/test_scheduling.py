"""Scheduled publishing runs in the Procfile's worker, in the organisation's time zone."""

import datetime

import pytest

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from bench.demo_site import procfile
from home.models import HomePage
from tests.factories import (
    ActionIndexPageFactory,
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    StoryIndexPageFactory,
)


def test_the_procfile_worker_is_the_command_that_publishes_on_schedule():
    assert procfile()["worker"].endswith("python manage.py run_worker")


# serialized_rollback: put back the home page and site for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_publishes_a_story_whose_time_has_come(capsys):
    index = StoryIndexPageFactory(parent=HomePage.objects.get())
    story = ExonereeStoryPageFactory(parent=index, live=False)
    later = ExonereeStoryPageFactory(parent=index, live=False)
    story.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    later.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(days=1))

    call_command("run_worker", "--batch")

    story.refresh_from_db()
    later.refresh_from_db()
    assert story.live
    assert not later.live


@pytest.mark.django_db
def test_staff_see_and_enter_times_in_the_organisations_time_zone(admin_client):
    assert settings.TIME_ZONE == "America/New_York"  # the default; TIME_ZONE sets it
    story = ExonereeStoryPageFactory(
        parent=StoryIndexPageFactory(parent=HomePage.objects.get()), live=False
    )
    half_past_noon_in_new_york = datetime.datetime(2030, 1, 15, 17, 30, tzinfo=datetime.UTC)
    story.go_live_at = half_past_noon_in_new_york
    story.save_revision(approved_go_live_at=half_past_noon_in_new_york)

    html = admin_client.get(f"/admin/pages/{story.pk}/edit/").content.decode()

    assert "Go-live:</span> Jan. 15, 2030, 12:30 p.m." in html
    assert 'name="go_live_at" value="2030-01-15 12:30"' in html
    assert "5:30 p.m." not in html  # never UTC


@pytest.mark.django_db
def test_a_petitions_deadline_names_the_time_zone_it_is_read_in(admin_client):
    petition = PetitionPageFactory(parent=ActionIndexPageFactory(parent=HomePage.objects.get()))

    html = admin_client.get(f"/admin/pages/{petition.pk}/edit/").content.decode()

    assert "Optional, in America/New_York time. After it, the form closes" in html
