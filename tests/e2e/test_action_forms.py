"""Action forms on a 390×844 phone, with JavaScript on and off: the form
starts on the first screen, a failed send opens on its error summary with
focus on it, and a quick honest send is asked once more, never lost."""

import pytest
from playwright.sync_api import expect

from actions.models import Signature
from home.models import HomePage
from tests.e2e.axe import assert_accessible
from tests.factories import (
    ActionIndexPageFactory,
    DonatePageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    SignUpFormFieldFactory,
    SignUpPageFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("forms_may_be_sent_at_once"),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def javascript(request):
    return request.param


@pytest.fixture
def phone(browser, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    yield context.new_page()
    context.close()


def assert_accessible_with_script(tab, javascript):
    """axe runs as a script: the markup it checks is the same either way."""
    if javascript:
        assert_accessible(tab)


@pytest.fixture
def actions(live_server):
    index = ActionIndexPageFactory(parent=HomePage.objects.get())
    sign_up = SignUpPageFactory(parent=index, title="Volunteer with us")
    for sort_order, (label, field_type) in enumerate(
        [("Your name", "singleline"), ("Your email", "email")]
    ):
        SignUpFormFieldFactory(
            page=sign_up, sort_order=sort_order, label=label, field_type=field_type, required=True
        )
    return {
        "petition": PetitionPageFactory(parent=index, title="Review bite-mark convictions"),
        "letter": LetterPageFactory(parent=index),
        "sign-up": sign_up,
        "donate": DonatePageFactory(parent=index),
    }


FIRST_CONTROL = {
    "petition": "#id_first_name",
    "letter": "#id_name",
    "sign-up": "#id_your_name",
    "donate": ".amounts a",
}


def assert_on_first_screen(locator):
    box = locator.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box


def assert_opens_on_focused_summary(tab):
    summary = tab.locator("#error-summary")
    expect(summary).to_be_visible()
    assert_on_first_screen(summary)
    assert tab.evaluate("document.activeElement.id") == "error-summary"
    assert tab.url.endswith("#error-summary")


@pytest.mark.parametrize("kind", ["petition", "letter", "sign-up", "donate"])
def test_the_form_starts_on_a_phones_first_screen(phone, live_server, actions, kind):
    phone.goto(live_server.url + actions[kind].url)
    assert_on_first_screen(phone.locator(FIRST_CONTROL[kind]).first)


@pytest.mark.parametrize("kind", ["petition", "letter", "sign-up"])
def test_a_failed_send_opens_on_its_error_summary_with_focus(
    phone, javascript, live_server, actions, kind
):
    phone.goto(live_server.url + actions[kind].url)
    if kind == "letter":
        phone.get_by_role("textbox", name="Your letter").fill("")
    phone.locator(".action__form button[type=submit]").click()

    assert_opens_on_focused_summary(phone)
    expect(phone.locator("#error-summary")).to_contain_text("There is a problem")
    # Each field repeats its own error, tied to it.
    first = phone.locator(FIRST_CONTROL[kind])
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(first).to_have_accessible_description("This field is required.")
    assert_accessible_with_script(phone, javascript)


def test_a_quick_honest_send_is_asked_once_more_and_then_stored(
    phone, javascript, live_server, actions, settings
):
    settings.ACTION_MIN_FILL_SECONDS = 3600
    petition = actions["petition"]
    phone.goto(live_server.url + petition.url)
    phone.get_by_label("First name").fill("Ada")
    phone.get_by_label("Last name").fill("Lovelace")
    phone.get_by_label("Email").fill("ada@example.org")
    phone.get_by_label("Postcode or ZIP").fill("10001")
    phone.get_by_label("Send me updates").check()
    phone.get_by_role("button", name="Sign the petition").click()

    assert_opens_on_focused_summary(phone)
    expect(phone.locator("#error-summary")).to_contain_text(
        "To protect this petition from automated signing, please check your details "
        "and press “Sign the petition” again."
    )
    expect(phone.get_by_label("First name")).to_have_value("Ada")
    expect(phone.get_by_label("Last name")).to_have_value("Lovelace")
    expect(phone.get_by_label("Email")).to_have_value("ada@example.org")
    expect(phone.get_by_label("Postcode or ZIP")).to_have_value("10001")
    expect(phone.get_by_label("Send me updates")).to_be_checked()
    assert not Signature.objects.exists()
    assert_accessible_with_script(phone, javascript)

    # As quick again: a person who was asked once is not asked twice.
    phone.get_by_role("button", name="Sign the petition").click()
    expect(phone.get_by_role("heading", name="Thank you", level=1)).to_be_visible()
    signature = Signature.objects.get()
    assert (signature.first_name, signature.email, signature.opt_in) == (
        "Ada",
        "ada@example.org",
        True,
    )
