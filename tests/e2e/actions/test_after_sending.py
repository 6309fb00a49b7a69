"""What a reader meets on sending: validation errors summarised, linked and
announced, the finished letter to copy, and the thank-you page's sharing."""

import re

import pytest
from playwright.sync_api import expect

from actions.models import Signature
from tests.e2e.actions.helpers import assert_focus_visible, fill_petition, focused
from tests.factories import LetterPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# Validation errors --------------------------------------------------------


def test_a_bad_email_is_summarised_linked_and_announced(page, live_server, petition):
    page.goto(live_server.url + petition.url)
    fill_petition(page, email="ada-at-example")
    page.get_by_role("button", name="Sign the petition").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    link = summary.get_by_role("link", name=re.compile("^Email: "))
    expect(link).to_have_attribute("href", "#id_email")

    email = page.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_value("ada-at-example")
    error_id = email.get_attribute("aria-describedby")
    assert error_id
    expect(page.locator(f"#{error_id}")).to_contain_text("Enter a valid email address")
    expect(email).to_have_accessible_description(re.compile("Enter a valid email address"))
    # Only the field in error is marked so.
    expect(page.get_by_label("First name")).not_to_have_attribute("aria-invalid", "true")

    link.focus()
    page.keyboard.press("Enter")
    expect(email).to_be_focused()
    assert_focus_visible(focused(page))
    assert not Signature.objects.exists()


def test_the_finished_letter_can_be_copied_with_one_button(page, live_server, action_index):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    letter = LetterPageFactory(parent=action_index)
    page.goto(live_server.url + letter.url)
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Your town or ZIP code").fill("Austin")
    page.get_by_role("button", name="Prepare my email").click()

    page.get_by_role("button", name="Copy the letter").click()

    expect(page.get_by_role("status")).to_have_text(re.compile("^Copied"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("Ada Lovelace\nAustin")


def test_without_javascript_the_copy_button_stays_hidden(browser, live_server, action_index):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    letter = LetterPageFactory(parent=action_index)
    tab.goto(live_server.url + letter.url)
    tab.get_by_label("Your name").fill("Ada Lovelace")
    tab.get_by_label("Your town or ZIP code").fill("Austin")
    tab.get_by_role("button", name="Prepare my email").click()

    expect(tab.get_by_role("heading", name="Your letter is ready")).to_be_visible()
    expect(tab.get_by_role("button", name="Copy the letter")).to_be_hidden()
    context.close()


def test_the_thank_you_offers_the_phones_share_sheet_where_there_is_one(
    page, live_server, petition
):
    page.add_init_script(
        "navigator.share = (data) => { window.shared = data; return Promise.resolve(); };"
    )
    page.goto(live_server.url + petition.url + "thanks/")
    page.get_by_role("button", name="Share…").click()
    shared = page.evaluate("window.shared")
    assert shared["url"] == petition.share_address("share-sheet")
    assert shared["text"] == petition.teaser


def test_without_a_share_sheet_only_the_share_links_show(page, live_server, petition):
    page.add_init_script("delete Navigator.prototype.share;")
    page.goto(live_server.url + petition.url + "thanks/")
    expect(page.get_by_role("button", name="Share…")).to_be_hidden()
    expect(page.get_by_role("link", name="WhatsApp")).to_be_visible()
