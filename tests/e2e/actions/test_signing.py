"""Signing in a real browser (Debian's chromium): from a story, twice, too
fast, and by keyboard alone."""

import pytest
from playwright.sync_api import expect

from actions.models import Signature
from tests.e2e.actions.helpers import assert_focus_visible, fill_petition, focused
from tests.e2e.axe import assert_accessible
from tests.factories import SignatureFactory
from tests.locale_factories import translate

pytestmark = [
    pytest.mark.browser,
    # live_server flushes the database after each test; serialized rollback
    # restores the home page, site and first consent statement that
    # migrations made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


TOO_FAST = "To protect this petition from automated signing"


# 1. From a story to a signature ------------------------------------------


def test_a_reader_signs_the_petition_at_the_end_of_a_story(page, live_server, story, petition):
    SignatureFactory.create_batch(4, action=petition)

    page.goto(live_server.url + story.url)
    block = page.locator("aside.action-block")
    expect(block.get_by_role("heading", name=petition.title)).to_be_visible()
    expect(block.locator(".progress__label")).to_contain_text("4 signed")
    block.get_by_role("link", name="Sign the petition").click()

    expect(page).to_have_url(f"{live_server.url}{petition.url}?from={story.pk}")
    expect(page.locator(".action__form .progress__label")).to_contain_text("4 signed")
    fill_petition(page)
    page.get_by_role("button", name="Sign the petition").click()

    expect(page.get_by_role("heading", name="Thank you", level=1)).to_be_visible()
    expect(page).to_have_url(live_server.url + petition.url + "thanks/#thanks")
    expect(page.locator(".progress__label")).to_contain_text("5 signed")
    signature = Signature.objects.get(email="ada@example.org")
    assert signature.action_id == petition.pk
    assert signature.source_page_id == story.pk
    assert signature.opt_in is False
    assert (signature.first_name, signature.last_name, signature.postcode) == (
        "Ada",
        "Lovelace",
        "10001",
    )


def test_signing_twice_thanks_again_and_counts_once(page, live_server, story, petition):
    SignatureFactory.create_batch(4, action=petition)
    form_url = f"{live_server.url}{petition.url}?from={story.pk}"
    page.goto(form_url)
    fill_petition(page)
    page.get_by_role("button", name="Sign the petition").click()
    expect(page.get_by_role("heading", name="Thank you", level=1)).to_be_visible()
    first_thanks = page.locator("main").inner_text()

    page.goto(form_url)
    expect(page.locator(".action__form .progress__label")).to_contain_text("5 signed")
    fill_petition(page, email=" ADA@Example.org ")
    page.get_by_role("button", name="Sign the petition").click()

    expect(page.get_by_role("heading", name="Thank you", level=1)).to_be_visible()
    expect(page).to_have_url(live_server.url + petition.url + "thanks/#thanks")
    expect(page.locator(".progress__label")).to_contain_text("5 signed")
    assert page.locator("main").inner_text() == first_thanks
    assert petition.signatures.count() == 5
    assert Signature.objects.get(email__iexact="ada@example.org").source_page_id == story.pk


def test_a_form_sent_too_fast_is_shown_again_with_what_was_typed(
    page, live_server, settings, petition
):
    settings.ACTION_MIN_FILL_SECONDS = 3600

    page.goto(live_server.url + petition.url)
    fill_petition(page)
    page.get_by_role("button", name="Sign the petition").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(TOO_FAST)
    expect(page.get_by_label("First name")).to_have_value("Ada")
    expect(page.get_by_label("Last name")).to_have_value("Lovelace")
    expect(page.get_by_label("Email")).to_have_value("ada@example.org")
    expect(page.get_by_label("Postcode or ZIP")).to_have_value("10001")
    assert not petition.signatures.exists()
    assert_accessible(page)


# 2. The petition by keyboard alone ----------------------------------------


# What the keyboard meets, in each language (issue 16).
WORDS = {
    "en": ("Skip to main content", "Sign the petition", "Thank you"),
    "es": ("Ir al contenido principal", "Firme la petición", "Gracias"),
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_petition_can_be_signed_by_keyboard_alone(page, live_server, petition, language):
    skip, sign, thanks = WORDS[language]
    if language == "es":
        petition = translate(petition, title="Revisen las condenas por mordeduras")
    page.goto(live_server.url + petition.url)
    page.locator("#id_fax").evaluate(
        "trap => trap.addEventListener('focus', () => { window.trapFocused = true; })"
    )

    # From the top of the page to the first field: the skip link comes first,
    # and every stop on the way shows where focus is.
    page.keyboard.press("Tab")
    state = focused(page)
    assert state["text"] == skip
    assert_focus_visible(state)
    for _ in range(10):
        if state["id"] == "id_first_name":
            break
        page.keyboard.press("Tab")
        state = focused(page)
        assert_focus_visible(state)
        assert state["id"] != "id_fax"
    assert state["id"] == "id_first_name"

    for field, text in [
        ("id_first_name", "Ada"),
        ("id_last_name", "Lovelace"),
        ("id_email", "ada@example.org"),
        ("id_postcode", "10001"),
    ]:
        state = focused(page)
        assert state["id"] == field
        assert_focus_visible(state)
        page.keyboard.type(text)
        page.keyboard.press("Tab")

    state = focused(page)
    assert state["id"] == "id_opt_in"  # left unticked
    assert_focus_visible(state)
    page.keyboard.press("Tab")

    state = focused(page)
    assert (state["tag"], state["text"]) == ("button", sign)
    assert_focus_visible(state)
    assert page.evaluate("window.trapFocused === undefined")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name=thanks, level=1)).to_be_visible()
    expect(page).to_have_url(live_server.url + petition.url + "thanks/#thanks")
    expect(page.locator("html")).to_have_attribute("lang", language)
    signature = Signature.objects.get()
    assert (signature.action_id, signature.language) == (petition.pk, language)
    assert (
        signature.first_name,
        signature.last_name,
        signature.email,
        signature.postcode,
        signature.opt_in,
    ) == ("Ada", "Lovelace", "ada@example.org", "10001", False)
