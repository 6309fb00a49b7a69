"""Calls to action in a real browser (Debian's chromium): signing from a
story, the petition by keyboard alone, validation errors, and axe-core on
every kind of action page in each of its states."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from actions.models import ActionSettings, LetterCompletion, Signature
from home.models import HomePage
from stories.models import StoryRelatedAction
from tests.e2e.axe import assert_accessible
from tests.factories import (
    ActionIndexPageFactory,
    DonatePageFactory,
    ExonereeStoryPageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    SignUpFormFieldFactory,
    SignUpPageFactory,
    StoryIndexPageFactory,
)

pytestmark = [
    pytest.mark.browser,
    # live_server flushes the database after each test; serialized rollback
    # restores the home page, site and first consent statement that
    # migrations made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TOO_FAST = "To protect this petition from automated signing"


def focused(page):
    """What has focus, and whether a sighted keyboard user can see where."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            return {
                id: element.id,
                tag: element.tagName.toLowerCase(),
                text: element.textContent.trim(),
                focusVisible: element.matches(":focus-visible"),
                outlineStyle: style.outlineStyle,
                outlineWidth: style.outlineWidth,
            };
        }"""
    )


def assert_focus_visible(state):
    assert state["focusVisible"], state
    assert state["outlineStyle"] != "none", state
    assert state["outlineWidth"] != "0px", state


def fill_petition(page, *, email="ada@example.org"):
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Postcode or ZIP").fill("10001")


def summary_links_lead_to_their_fields(page):
    """Each link in the error summary moves focus to a control of its field."""
    links = page.locator(".error-summary a")
    assert links.count()
    for link in links.all():
        href = link.get_attribute("href")
        link.click()
        assert (
            page.evaluate(
                "document.activeElement.matches('input, select, textarea')"
                " && '#' + document.activeElement.id"
            )
            == href
        ), f"{href} moves focus to no field"


@pytest.fixture(autouse=True)
def forms_may_be_sent_at_once(settings):
    """The live server runs in this process, so the setting applies to it:
    a browser fills a form faster than any person."""
    settings.ACTION_MIN_FILL_SECONDS = 0


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


def test_the_petition_can_be_signed_by_keyboard_alone(page, live_server, petition):
    page.goto(live_server.url + petition.url)
    page.locator("#id_fax").evaluate(
        "trap => trap.addEventListener('focus', () => { window.trapFocused = true; })"
    )

    # From the top of the page to the first field: the skip link comes first,
    # and every stop on the way shows where focus is.
    page.keyboard.press("Tab")
    state = focused(page)
    assert state["text"] == "Skip to main content"
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
    assert (state["tag"], state["text"]) == ("button", "Sign the petition")
    assert_focus_visible(state)
    assert page.evaluate("window.trapFocused === undefined")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Thank you", level=1)).to_be_visible()
    signature = Signature.objects.get()
    assert (
        signature.first_name,
        signature.last_name,
        signature.email,
        signature.postcode,
        signature.opt_in,
    ) == ("Ada", "Lovelace", "ada@example.org", "10001", False)


# 3. axe-core on every action page, in every state -------------------------


@pytest.fixture
def sign_up(action_index):
    action = SignUpPageFactory(parent=action_index, title="Volunteer with us")
    for sort_order, (label, field_type, required, choices) in enumerate(
        [
            ("Your name", "singleline", True, ""),
            ("Your email", "email", True, ""),
            ("How can you help?", "checkboxes", True, "Phone banking\nEvents\nWriting letters"),
            ("Your state", "dropdown", False, "Texas\nIllinois\nNew York"),
            ("How often?", "radio", True, "Weekly\nMonthly"),
            ("Anything else we should know?", "multiline", False, ""),
            ("Keep me posted", "checkbox", False, ""),
        ]
    ):
        SignUpFormFieldFactory(
            page=action,
            sort_order=sort_order,
            label=label,
            field_type=field_type,
            required=required,
            choices=choices,
            help_text="About once a month." if field_type == "checkbox" else "",
        )
    return action


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


# 4. Validation errors -----------------------------------------------------


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
    assert shared["url"] == petition.full_url
    assert shared["text"] == petition.teaser


def test_without_a_share_sheet_only_the_share_links_show(page, live_server, petition):
    page.add_init_script("delete Navigator.prototype.share;")
    page.goto(live_server.url + petition.url + "thanks/")
    expect(page.get_by_role("button", name="Share…")).to_be_hidden()
    expect(page.get_by_role("link", name="WhatsApp")).to_be_visible()
