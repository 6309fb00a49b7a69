"""The calls to action's settings in the visitor's language (issue 16): a
form's “How we use your data” leads to the privacy page in the reader's
language, and the donate page shows the tax status staff gave in Spanish."""

import pytest

from actions.models import ActionSettings, ActionWording
from tests.factories import ActionIndexPageFactory, DonatePageFactory, InformationPageFactory
from tests.locale_factories import translate
from tests.queries import within_budget

pytestmark = pytest.mark.django_db

TAX_STATUS = "The Campaign is a 501(c)(3) nonprofit."
ESTATUS = "La Campaña es una organización sin fines de lucro 501(c)(3)."


@pytest.fixture
def action_settings(home):
    privacy = InformationPageFactory(parent=home, slug="privacy")
    return ActionSettings.objects.create(
        site=home.get_site(), privacy_page=privacy, tax_status=TAX_STATUS
    )


def test_the_privacy_link_leads_to_the_page_in_the_readers_language(client, action_settings):
    assert client.get("/actions/privacy/").url == "/privacy/"
    assert client.get("/privacy/").status_code == 200
    # Until it is translated, Spanish readers get the English page.
    assert client.get("/es/actions/privacy/").url == "/privacy/"

    privacidad = translate(action_settings.privacy_page, title="Privacidad", slug="privacidad")

    assert client.get("/es/actions/privacy/").url == privacidad.url == "/es/privacidad/"
    assert client.get("/actions/privacy/").url == "/privacy/"


def test_without_a_privacy_page_the_link_is_not_found(client, home):
    ActionSettings.objects.create(site=home.get_site())
    assert client.get("/es/actions/privacy/").status_code == 404
    assert client.post("/actions/privacy/").status_code == 405


def test_the_donate_page_shows_the_tax_status_in_its_language(client, home, action_settings):
    donate = DonatePageFactory(parent=ActionIndexPageFactory(parent=home))
    dona = translate(donate, title="Done")
    # Without a Spanish wording, the English.
    assert TAX_STATUS in client.get(dona.url).content.decode()

    ActionWording.objects.create(setting=action_settings, language="es", tax_status=ESTATUS)

    spanish = client.get(dona.url).content.decode()
    assert ESTATUS in spanish
    assert TAX_STATUS not in spanish
    english = client.get(donate.url).content.decode()
    assert TAX_STATUS in english
    assert ESTATUS not in english
    with within_budget(12, "the Spanish donate page"):
        client.get(dona.url)
