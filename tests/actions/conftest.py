import pytest

from tests.factories import ActionIndexPageFactory, PetitionPageFactory


@pytest.fixture
def action_index(home):
    return ActionIndexPageFactory(parent=home)


@pytest.fixture
def petition(action_index):
    return PetitionPageFactory(parent=action_index)


@pytest.fixture
def counts_shown(home):
    """Counts shown however small: a site's default waits for 100 signatures."""
    from actions.models import ActionSettings

    ActionSettings.objects.update_or_create(
        site=home.get_site(), defaults={"social_proof_threshold": 0}
    )
