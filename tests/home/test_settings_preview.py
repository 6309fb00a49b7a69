"""Staff preview site settings on the site's own pages before saving them:
the preview shows the unsaved values, and the live site keeps the saved ones."""

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from actions.models import ActionSettings
from core.models import NavigationSettings, OrganisationSettings
from tests.admin import sign_in
from tests.factories import (
    ActionIndexPageFactory,
    DonatePageFactory,
    ExonereeStoryPageFactory,
    InformationPageFactory,
    PetitionPageFactory,
    StoryIndexPageFactory,
)

pytestmark = pytest.mark.django_db


def preview(client, setting, site, data, mode=""):
    """Send the unsaved form to the preview, as the editor's preview panel
    does, and return the page it shows."""
    url = reverse(
        "wagtailsettings:preview_on_edit",
        args=[setting._meta.app_label, setting._meta.model_name, site.pk],
    )
    state = client.post(url, nested_form_data(data)).json()
    assert state["is_valid"], state
    response = client.get(url, {"mode": mode})
    assert response.status_code == 200
    return response.content.decode()


def navigation_data(header=(), footer=(), text="", wordings=()):
    """The navigation form's data; entries are in English unless they say."""
    return {
        "header_links": inline_formset([{"language": "en", **entry} for entry in header]),
        "footer_links": inline_formset([{"language": "en", **entry} for entry in footer]),
        "footer_text": text,
        "wordings": inline_formset(list(wordings)),
    }


def organisation_data(**fields):
    return {
        "organisation_name": "",
        "logo": "",
        "contact_email": "",
        "social_links": streamfield([]),
        "share_image": "",
        "share_text": "",
        "wordings": inline_formset([]),
        **fields,
    }


def test_unsaved_menus_are_previewed_on_the_home_page_and_nowhere_else(client, home, admin_user):
    act = ActionIndexPageFactory(parent=home)
    sign_in(client, admin_user)
    site = home.get_site()
    html = preview(
        client,
        NavigationSettings,
        site,
        navigation_data(
            header=[{"page": act.pk, "url": "", "label": "Act now"}],
            footer=[{"page": "", "url": "https://example.org/press", "label": "Press"}],
            text="Run by volunteers.",
        ),
    )
    assert '<a href="/act/">Act now</a>' in html
    assert '<a href="https://example.org/press">Press</a>' in html
    assert "Run by volunteers." in html

    client.logout()
    live = client.get("/").content.decode()
    assert "Act now" not in live and "Press" not in live and "Run by volunteers." not in live
    assert not NavigationSettings.for_site(site).header_links.exists()


@pytest.mark.parametrize(
    "setting, modes",
    [
        (NavigationSettings, ["Home page", "Home page in Spanish"]),
        (
            OrganisationSettings,
            ["Home page", "Home page in Spanish", "A link shared on social media"],
        ),
        (
            ActionSettings,
            ["A story without an action of its own", "A petition’s form", "A donation appeal"],
        ),
    ],
)
def test_each_settings_screen_has_a_preview_panel_with_its_pages(
    client, home, admin_user, setting, modes
):
    sign_in(client, admin_user)
    url = reverse(
        "wagtailsettings:edit",
        args=[setting._meta.app_label, setting._meta.model_name, home.get_site().pk],
    )
    html = client.get(url).content.decode()
    assert "data-w-preview-url-value" in html
    if len(modes) > 1:
        for mode in modes:
            assert f">{mode}</option>" in html


def test_staff_order_the_menu_entries_and_the_order_is_kept(client, home, admin_user):
    first = InformationPageFactory(parent=home, title="About", slug="about")
    second = InformationPageFactory(parent=home, title="Press", slug="press")
    sign_in(client, admin_user)
    url = reverse("wagtailsettings:edit", args=["core", "navigationsettings", home.get_site().pk])
    edit_form = client.get(url).content.decode()
    assert "data-inline-panel-child-drag" in edit_form  # entries are dragged into order

    data = navigation_data(
        header=[
            {"page": first.pk, "url": "", "label": "", "ORDER": "1"},
            {"page": second.pk, "url": "", "label": "", "ORDER": "0"},
        ]
    )
    response = client.post(url, nested_form_data(data))

    assert response.status_code == 302
    client.logout()
    nav = client.get("/").content.decode().split('aria-label="Main">', 1)[1]
    assert nav.index(">Press<") < nav.index(">About<")


def test_a_menu_entry_without_page_or_address_is_refused_with_a_message(client, home, admin_user):
    sign_in(client, admin_user)
    url = reverse("wagtailsettings:edit", args=["core", "navigationsettings", home.get_site().pk])
    data = navigation_data(header=[{"page": "", "url": "", "label": "Nowhere"}])

    response = client.post(url, nested_form_data(data))

    assert response.status_code == 200
    assert "Choose a page or enter an address" in response.content.decode()
    assert not NavigationSettings.for_site(home.get_site()).header_links.exists()


def test_the_organisation_is_previewed_on_the_home_page_and_as_a_shared_link(
    client, home, admin_user
):
    sign_in(client, admin_user)
    site = home.get_site()
    data = organisation_data(organisation_name="Justice Project", share_text="Free the innocent.")

    assert "Justice Project" in preview(client, OrganisationSettings, site, data)
    card = preview(client, OrganisationSettings, site, data, mode="share")
    assert '<figure class="share-card">' in card
    assert "Free the innocent." in card

    client.logout()
    assert "Justice Project" not in client.get("/").content.decode()
    assert OrganisationSettings.for_site(site).organisation_name == ""


def test_the_default_action_donation_address_and_privacy_page_are_previewed(
    client, home, admin_user
):
    index = ActionIndexPageFactory(parent=home)
    petition = PetitionPageFactory(parent=index, title="Free Marcus")
    donate = DonatePageFactory(parent=index, donation_url="")
    privacy = InformationPageFactory(parent=home, title="Privacy", slug="privacy")
    story = ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    site = home.get_site()
    sign_in(client, admin_user)
    data = {
        "default_action": petition.pk,
        "donation_url": "https://give.example.org/",
        "privacy_page": privacy.pk,
        "social_proof_threshold": "100",
        "tax_status": "",
        "wordings": inline_formset([]),
    }

    assert "Free Marcus" in preview(client, ActionSettings, site, data)
    assert 'href="/privacy/"' in preview(client, ActionSettings, site, data, mode="form")
    assert "https://give.example.org/" in preview(client, ActionSettings, site, data, mode="donate")

    client.logout()
    assert "Free Marcus" not in client.get(story.url).content.decode()
    assert "give.example.org" not in client.get(donate.url).content.decode()


def test_a_preview_with_no_page_to_show_it_on_says_so(client, home, admin_user):
    sign_in(client, admin_user)
    data = {
        "default_action": "",
        "donation_url": "",
        "privacy_page": "",
        "social_proof_threshold": "100",
        "tax_status": "",
        "wordings": inline_formset([]),
    }

    html = preview(client, ActionSettings, home.get_site(), data, mode="donate")

    assert "There is no published page to show “a donation appeal” on." in html
