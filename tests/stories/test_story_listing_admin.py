"""The admin's list of every story, with the facts checked before publishing."""

import pytest

from home.models import HomePage
from tests.factories import ExonereeStoryPageFactory, StoryIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    index = StoryIndexPageFactory(parent=HomePage.objects.get())
    return {
        "ready": ExonereeStoryPageFactory(parent=index, person_name="Ready Rivera"),
        "waiting": ExonereeStoryPageFactory(
            parent=index, person_name="Waiting Vale", consent_on_file=False, live=False
        ),
    }


def test_staff_list_every_story_with_its_checks(admin_client, stories):
    response = admin_client.get("/admin/stories/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ready Rivera" in html and "Waiting Vale" in html
    assert "Consent" in html and "Legal review" in html


def test_staff_filter_the_stories_still_waiting_for_consent(admin_client, stories):
    html = admin_client.get("/admin/stories/", {"consent_on_file": "false"}).content.decode()
    assert "Waiting Vale" in html
    assert "Ready Rivera" not in html


def test_the_list_is_in_the_admin_menu(admin_client, stories):
    # The sidebar is drawn from JSON in the page.
    assert '"/admin/stories/"' in admin_client.get("/admin/").content.decode()
