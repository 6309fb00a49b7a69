import pytest

from home.models import HomePage
from tests.factories import ActionIndexPageFactory, PetitionPageFactory


@pytest.fixture
def home(db):
    return HomePage.objects.get()  # made by the migration, as on a fresh site


@pytest.fixture
def action_index(home):
    return ActionIndexPageFactory(parent=home)


@pytest.fixture
def petition(action_index):
    return PetitionPageFactory(parent=action_index)
