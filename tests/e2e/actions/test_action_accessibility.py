"""axe-core on every kind of action page, in each of its states."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from actions.models import LetterCompletion
from stories.models import StoryRelatedAction
from tests.e2e.actions.helpers import fill_petition, summary_links_lead_to_their_fields
from tests.e2e.axe import assert_accessible
from tests.factories import (
    DonatePageFactory,
    LetterPageFactory,
    SignatureFactory,
    SignUpPageFactory,
    volunteer_page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def sign_up(action_index):
    return volunteer_page(action_index)


def test_the_action_index_has_no_axe_violations(page, live_server, action_index, petition):
    LetterPageFactory(parent=action_index)
    DonatePageFactory(parent=action_index)
    SignUpPageFactory(parent=action_index)

    response = page.goto(live_server.url + action_index.url)

    assert response.status == 200
    expect(page.locator(".action-card")).to_have_count(4)
    # The cards' titles come straight under the page's own heading.
    expect(page.locator(".action-card").get_by_role("heading", level=2)).to_have_count(4)
    assert_accessible(page)


@pytest.mark.parametrize("state", ["form", "errors", "thanks", "closed"])
def test_the_petition_has_no_axe_violations(page, live_server, petition, state):
    if state == "closed":
        petition.deadline = timezone.now() - timedelta(days=1)
        petition.save()
    page.goto(live_server.url + petition.url)

    if state == "form":
        expect(page.get_by_label("First name")).to_be_visible()
    elif state == "errors":
        page.get_by_role("button", name="Sign the petition").click()
        expect(page.locator(".error-summary")).to_be_visible()
        summary_links_lead_to_their_fields(page)
    elif state == "thanks":
        fill_petition(page)
        page.get_by_role("button", name="Sign the petition").click()
        expect(page.get_by_role("heading", name="Thank you", level=1)).to_be_visible()
        expect(page.locator("main")).to_contain_text("We’ve emailed you a confirmation.")
    else:
        expect(page.locator(".notice")).to_contain_text("closed on")
        expect(page.locator("form[method=post]")).to_have_count(0)
    assert_accessible(page)


@pytest.mark.parametrize("state", ["form", "errors", "ready"])
def test_the_letter_has_no_axe_violations(page, live_server, action_index, state):
    letter = LetterPageFactory(
        parent=action_index,
        recipient_role="State Senator",
        recipient_phone="+1 555 0100",
        call_script="Say who you are.",
    )
    page.goto(live_server.url + letter.url)

    if state == "form":
        expect(page.get_by_text("Recipient:")).to_have_text(
            "Recipient: Senator Maria Lopez, State Senator."
        )
        expect(page.get_by_role("textbox", name="Your letter")).to_have_value(
            re.compile("Dear Senator")
        )
    elif state == "errors":
        page.get_by_role("textbox", name="Your letter").fill("")
        page.get_by_role("button", name="Prepare my email").click()
        expect(page.locator(".error-summary")).to_be_visible()
        summary_links_lead_to_their_fields(page)
    else:
        page.get_by_label("Your name").fill("Ada Lovelace")
        page.get_by_label("Your town or ZIP code").fill("Austin")
        page.get_by_role("button", name="Prepare my email").click()
        expect(page.get_by_role("heading", name="Your letter is ready")).to_be_visible()
        expect(page.get_by_role("textbox", name="Your letter")).to_have_value(
            re.compile("Ada Lovelace\nAustin$")
        )
        assert LetterCompletion.objects.filter(action=letter).count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("state", ["amounts", "not-open"])
def test_the_donation_page_has_no_axe_violations(page, live_server, action_index, state):
    donate = DonatePageFactory(
        parent=action_index, donation_url="" if state == "not-open" else "https://d.example/x"
    )

    page.goto(live_server.url + donate.url)

    if state == "amounts":
        expect(page.get_by_role("link", name="$50")).to_have_attribute(
            "href", "https://d.example/x?amount=50"
        )
    else:
        expect(page.locator(".notice")).to_contain_text("Donations are not open")
    assert_accessible(page)


@pytest.mark.parametrize("state", ["form", "errors", "thanks"])
def test_the_sign_up_form_has_no_axe_violations(page, live_server, sign_up, state):
    page.goto(live_server.url + sign_up.url)

    if state == "form":
        expect(page.get_by_label("Anything else we should know?")).to_be_visible()
        # A single checkbox sits before its label, its hint below both.
        box = page.get_by_label("Keep me posted").bounding_box()
        label = page.locator("label[for=id_keep_me_posted]").bounding_box()
        hint = page.locator("#id_keep_me_posted_helptext").bounding_box()
        assert box["x"] + box["width"] <= label["x"]
        assert label["y"] < box["y"] + box["height"] and box["y"] < label["y"] + label["height"]
        assert hint["y"] >= box["y"] + box["height"]
        expect(page.get_by_label("Keep me posted")).to_have_accessible_description(
            "About once a month."
        )
    elif state == "errors":
        page.get_by_label("Your email").fill("not an email")
        page.get_by_role("button", name="Send").click()
        expect(page.locator(".error-summary")).to_be_visible()
        expect(page.get_by_label("Your email")).to_have_attribute("aria-invalid", "true")
        summary_links_lead_to_their_fields(page)
    else:
        page.get_by_label("Your name").fill("Ada Lovelace")
        page.get_by_label("Your email").fill("ada@example.org")
        page.get_by_label("Events").check()
        page.get_by_label("Your state").select_option("Texas")
        page.get_by_label("Monthly").check()
        page.get_by_label("Anything else we should know?").fill("Weekends only.\nThanks!")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("heading", name="Thank you", level=1)).to_be_visible()
        # Only petitions email the supporter.
        expect(page.locator("main")).not_to_contain_text("emailed you")
        assert sign_up.get_submission_class().objects.filter(page=sign_up).count() == 1
    assert_accessible(page)


def test_the_home_page_with_the_latest_actions_has_no_axe_violations(
    page, live_server, action_index, petition
):
    LetterPageFactory(parent=action_index)
    DonatePageFactory(parent=action_index)

    page.goto(live_server.url + "/")

    section = page.get_by_role("region", name="Take action")
    expect(section.locator(".action-card")).to_have_count(3)
    assert_accessible(page)


def test_a_story_with_its_action_block_has_no_axe_violations(
    page, live_server, action_index, story, petition
):
    SignatureFactory.create_batch(3, action=petition)
    letter = LetterPageFactory(parent=action_index)
    StoryRelatedAction(page=story, action=letter, sort_order=1).save()

    page.goto(live_server.url + story.url)

    expect(page.locator("aside.action-block")).to_contain_text("3 signed")
    more = page.get_by_role("region", name="More you can do")
    expect(more.get_by_role("link", name=letter.title)).to_be_visible()
    assert_accessible(page)
