"""A petition on a site that shows counts from the first signature, and a
story that asks its readers to sign it."""

import pytest

from actions.models import ActionSettings
from home.models import HomePage
from stories.models import StoryRelatedAction
from tests.factories import (
    ActionIndexPageFactory,
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    StoryIndexPageFactory,
)


@pytest.fixture(autouse=True)
def _forms_may_be_sent_at_once(forms_may_be_sent_at_once):
    """Every test here sends forms (tests/e2e/conftest.py)."""


@pytest.fixture
def home(live_server):
    home = HomePage.objects.get()
    # Counts shown however small: a site's default waits for 100 signatures.
    ActionSettings.objects.create(site=home.get_site(), social_proof_threshold=0)
    return home


@pytest.fixture
def action_index(home):
    return ActionIndexPageFactory(parent=home, intro="Act today.")


@pytest.fixture
def petition(action_index):
    return PetitionPageFactory(parent=action_index, title="Review bite-mark convictions")


@pytest.fixture
def story(home, petition):
    index = StoryIndexPageFactory(parent=home)
    story = ExonereeStoryPageFactory(parent=index, person_name="Sam Rivera")
    StoryRelatedAction(page=story, action=petition, sort_order=0).save()
    return story
