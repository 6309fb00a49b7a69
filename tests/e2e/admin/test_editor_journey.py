"""The editor journey in the real Wagtail admin: an editor writes a story and
submits it for review, a moderator approves it (or is refused without
consent), a visitor reads it; a moderator orders the header links."""

import re

import pytest
from playwright.sync_api import expect

from core.models import HeaderLink, NavigationSettings
from core.workflow import REVIEW_WORKFLOW
from home.models import HomePage
from stories.models import ExonereeStoryPage
from tests.e2e.admin.staff import TIMEOUT
from tests.factories import (
    ExonereeStoryPageFactory,
    ImageFactory,
    InformationPageFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def portrait(live_server):
    return ImageFactory(title="Sample portrait", file__width=80, file__height=100)


# An editor writes a story; a moderator approves it ------------------------


def write_story(tab):
    """Fill the Content and Case facts tabs of a new story, as an editor would."""
    content = tab.get_by_role("tabpanel", name="Content")
    content.get_by_role("textbox", name="Title*").fill("The story of Sam Rivera")
    content.get_by_role("textbox", name="Person name*").fill("Sam Rivera")
    content.get_by_role("textbox", name="Summary*").fill("Convicted on a mistaken identification.")

    portrait_panel = content.get_by_role("region", name="Portrait")
    portrait_panel.get_by_role("button", name="Choose an image").click()
    chooser = tab.get_by_role("dialog")
    expect(chooser.get_by_role("heading", name="Choose an image")).to_be_visible(timeout=TIMEOUT)
    chooser.get_by_role("link", name="Sample portrait").click()
    expect(chooser).to_be_hidden(timeout=TIMEOUT)
    expect(portrait_panel).to_contain_text("Sample portrait")
    portrait_panel.get_by_role("textbox", name="Portrait description").fill("Sam Rivera, smiling")
    portrait_panel.get_by_role("textbox", name="Portrait credit").fill("Photo: Jane Doe")

    body = content.get_by_role("region", name="Body*")
    body.get_by_role("button", name="Insert a block").click()
    body.get_by_role("option", name="Text").click()
    text_block = body.get_by_role("region", name="Text *")
    text_block.get_by_role("textbox").click()  # Draftail's rich text editor
    tab.keyboard.type("Sam was nineteen when he was arrested.")
    expect(text_block.get_by_role("textbox")).to_have_text("Sam was nineteen when he was arrested.")
    body.get_by_role("button", name="Insert a block").last.click()
    body.get_by_role("option", name="Quote").click()
    quote = body.get_by_role("region", name="Quote")
    quote.get_by_role("textbox", name="Quote*").fill("I never stopped saying it.")
    quote.get_by_role("textbox", name="Attribution*").fill("Sam Rivera, exoneree")

    tab.get_by_role("tab", name="Case facts").click()
    facts = tab.get_by_role("tabpanel", name="Case facts")
    expect(facts).to_be_visible(timeout=TIMEOUT)
    facts.get_by_role("combobox", name="State*").select_option(label="Texas")
    facts.get_by_role("textbox", name="County").fill("Harris County")
    facts.get_by_role("textbox", name="Crimes charged*").fill("Robbery")
    facts.get_by_role("textbox", name="Sentence*").fill("25 years")
    facts.get_by_role("spinbutton", name="Crime year*").fill("1994")
    facts.get_by_role("spinbutton", name="Conviction year*").fill("1995")
    facts.get_by_role("spinbutton", name="Exoneration year*").fill("2006")
    facts.get_by_role("combobox", name="Basis of exoneration*").select_option(
        label="Declared innocent"
    )
    facts.get_by_role("checkbox", name="Mistaken witness identification").check()
    facts.get_by_role("checkbox", name="Consent on file").check()
    consent_date = facts.get_by_role("textbox", name="Consent date")
    consent_date.fill("2024-01-15")
    # Its date picker opens a moment after the field takes focus, and would
    # cover the fields below and the footer: wait for it, then click away
    # (on the field's help text, above it) to close it.
    picker = tab.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1, timeout=TIMEOUT)
    facts.get_by_text("When they gave consent.").click()
    expect(picker).to_have_count(0, timeout=TIMEOUT)
    expect(consent_date).to_have_value("2024-01-15")
    facts.get_by_role("textbox", name="Consent note").fill("Signed form in the case file.")


def footer_menu(tab):
    """The page editor's footer action menu, its dropdown open."""
    footer = tab.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    return footer


def test_an_editor_submits_a_story_a_moderator_approves_it_and_readers_see_it(
    log_in, live_server, index, portrait, editor, moderator
):
    tab = log_in("editor")
    tab.goto(f"{live_server.url}/admin/pages/{index.pk}/")
    expect(tab.get_by_role("heading", name="Exploring: Stories")).to_be_visible(timeout=TIMEOUT)
    tab.get_by_role("link", name="Add child page").first.click()
    expect(tab.get_by_role("heading", name="New: Exoneree story", level=1)).to_be_visible(
        timeout=TIMEOUT
    )
    write_story(tab)
    footer = footer_menu(tab)
    expect(footer.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    footer.get_by_role("button", name=f"Submit to {REVIEW_WORKFLOW}", exact=True).click()

    expect(tab.get_by_role("status")).to_contain_text(
        "Page 'The story of Sam Rivera' created and submitted for moderation.", timeout=TIMEOUT
    )
    # The editor has no say on the legal review, and is told approval waits for it.
    expect(
        tab.get_by_text("can’t be published yet: “Legal review done” is not ticked")
    ).to_be_visible()
    story = ExonereeStoryPage.objects.get(person_name="Sam Rivera")
    assert not story.live
    assert story.workflow_in_progress
    assert story.current_workflow_state.workflow.name == REVIEW_WORKFLOW
    draft = story.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["text", "quote"]
    assert draft.body[1].value["quote"] == "I never stopped saying it."
    assert (draft.portrait, draft.portrait_alt, draft.portrait_credit) == (
        portrait,
        "Sam Rivera, smiling",
        "Photo: Jane Doe",
    )
    assert (draft.jurisdiction, draft.county, draft.crimes_charged, draft.sentence) == (
        "TX",
        "Harris County",
        "Robbery",
        "25 years",
    )
    assert (draft.crime_year, draft.conviction_year, draft.exoneration_year) == (1994, 1995, 2006)
    assert draft.basis == "innocent"
    assert [factor.slug for factor in draft.factors.all()] == ["mistaken-witness-identification"]
    assert draft.consent_on_file
    assert str(draft.consent_date) == "2024-01-15"

    # While it is in review, the editor can't publish it.
    tab.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    footer = footer_menu(tab)
    expect(footer.get_by_role("button", name="Cancel workflow")).to_be_visible(timeout=TIMEOUT)
    expect(footer.get_by_role("button", name=re.compile("Publish|Approve"))).to_have_count(0)

    # The moderator finds it on the dashboard and approves it.
    review = log_in("moderator")
    awaiting = review.get_by_role("region", name=re.compile("Awaiting your review"))
    awaiting.get_by_role("link", name="The story of Sam Rivera").first.click()
    expect(
        review.get_by_role("heading", name="Editing Exoneree story: The story of Sam Rivera")
    ).to_be_visible(timeout=TIMEOUT)
    # The moderator records the legal review, then approves.
    review.get_by_role("tab", name="Case facts").click()
    review.get_by_role("tabpanel", name="Case facts").get_by_role(
        "checkbox", name="Legal review done"
    ).check()
    footer_menu(review).get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(review.get_by_role("status")).to_contain_text(
        "Page 'The story of Sam Rivera' has been updated.", timeout=TIMEOUT
    )
    story.refresh_from_db()
    assert story.live
    assert not story.workflow_in_progress

    reader = log_in.visitor(story.url)
    expect(reader.get_by_role("heading", name="The story of Sam Rivera", level=1)).to_be_visible(
        timeout=TIMEOUT
    )
    expect(reader.get_by_role("img", name="Sam Rivera, smiling")).to_have_count(1)
    quote = reader.get_by_role("figure", name="Sam Rivera, exoneree")
    expect(quote.get_by_role("blockquote")).to_have_text("I never stopped saying it.")


def test_a_moderator_cannot_approve_a_story_without_consent(
    log_in, live_server, index, editor, moderator
):
    story = ExonereeStoryPageFactory(
        parent=index, live=False, person_name="Robin Vale", consent_on_file=False
    )
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)

    review = log_in("moderator")
    review.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    footer_menu(review).get_by_role("button", name="Approve and Publish", exact=True).click()

    review.get_by_role("tab", name="Case facts").click()
    facts = review.get_by_role("tabpanel", name="Case facts")
    expect(
        facts.get_by_text("can’t be published until the person’s consent is on file")
    ).to_be_visible(timeout=TIMEOUT)
    story.refresh_from_db()
    assert not story.live
    assert story.workflow_in_progress
    reader = log_in.visitor("/")
    assert reader.goto(live_server.url + story.url).status == 404


def test_a_moderator_drags_a_header_link_into_place(log_in, live_server, moderator):
    home = HomePage.objects.get()
    about = InformationPageFactory(parent=home, title="About us", slug="about")
    press = InformationPageFactory(parent=home, title="Press room", slug="press")
    navigation = NavigationSettings.for_site(home.get_site())
    navigation.header_links = [HeaderLink(page=about), HeaderLink(page=press)]
    navigation.save()
    tab = log_in("moderator")
    tab.goto(f"{live_server.url}/admin/settings/core/navigationsettings/{home.get_site().pk}/")

    entries = tab.locator("#id_header_links-FORMS > [data-inline-panel-child]")
    expect(entries).to_have_count(2)
    # Both entries (page, address, words and language each) on the screen at
    # once: a mouse drags only within what is shown.
    tab.set_viewport_size({"width": 1280, "height": 1600})
    entries.nth(0).scroll_into_view_if_needed()
    # By the mouse, in small steps, as a person drags: the sorting library
    # reorders as the pointer passes over the other entry.
    handle = entries.nth(1).locator("[data-inline-panel-child-drag]").bounding_box()
    target = entries.nth(0).bounding_box()
    tab.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    tab.mouse.down()
    tab.mouse.move(target["x"] + target["width"] / 2, target["y"] + 5, steps=20)
    tab.mouse.up()
    expect(entries.nth(0)).to_contain_text("Press room")
    tab.get_by_role("button", name="Save").click()
    expect(tab.get_by_text("navigation updated")).to_be_visible()

    nav = log_in.visitor("/").get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link")).to_have_text(["Press room", "About us"])


# The preview beside the editor, under the admin's policy ---------------------


def test_an_editor_previews_the_story_being_written_beside_the_editor(
    log_in, live_server, index, portrait, editor, settings
):
    # The userbar inside the preview loads the admin's scripts from this
    # address, the site's own in production.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    tab = log_in("editor")
    tab.goto(f"{live_server.url}/admin/pages/add/stories/exonereestorypage/{index.pk}/")
    write_story(tab)
    tab.get_by_role("tab", name="Content").click()
    tab.locator("[data-side-panel-toggle='preview']").click()
    preview = tab.frame_locator("iframe[title='Preview']").last
    expect(preview.get_by_role("heading", name="The story of Sam Rivera", level=1)).to_be_visible(
        timeout=TIMEOUT
    )
    expect(preview.get_by_role("blockquote")).to_have_text("I never stopped saying it.")


def test_a_signed_in_editor_reads_a_story_with_the_userbar_under_the_public_policy(
    log_in, live_server, index, editor, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    story = ExonereeStoryPageFactory(parent=index, title="The story of Robin Vale")
    tab = log_in("editor")
    tab.goto(live_server.url + story.url)
    userbar = tab.get_by_role("button", name="View Wagtail quick actions")
    userbar.click()
    expect(tab.get_by_role("menuitem", name="Edit this page")).to_be_visible(timeout=TIMEOUT)
    # The userbar's accessibility checker runs in the page too.
    tab.get_by_role("menuitem", name=re.compile("Issues found|Accessibility")).click()
    expect(tab.get_by_role("dialog")).to_be_visible(timeout=TIMEOUT)
