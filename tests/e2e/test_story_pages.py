"""On a 390×844 phone the person leads a story and the first story shows in the
first screen of the index, with JavaScript on and off; on a wide screen and on
paper the case facts are shown whole."""

import pytest

from wagtail.rich_text import RichText

from home.models import HomePage
from tests.e2e.axe import assert_accessible
from tests.e2e.shared_site import built_for_the_module
from tests.factories import (
    ContributingFactorFactory,
    ExonereeStoryPageFactory,
    ImageFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)

pytestmark = [
    pytest.mark.browser,
    # The tests only look: the pages are built once (tests/e2e/conftest.py).
    pytest.mark.django_db,
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# The narrative must start in the first screen or just after the opening: the
# portrait, name, years lost, hook and content note, with a header of 64 px to
# about 170 px while the site's header is being compacted.
NARRATIVE_LIMIT = 844 * 1.2

BODY = [
    (
        "text",
        RichText(
            "<p>Sam Rivera was nineteen and working two jobs when a witness picked his photo.</p>"
        ),
    ),
    ("quote", {"quote": "Nobody checked the time sheet.", "attribution": "Sam Rivera, exoneree"}),
    (
        "timeline",
        {
            "heading": "Case timeline",
            "events": [
                {"date": "1994", "event": "A robbery; a witness picks Sam’s photo."},
                {"date": "March 1995", "event": "Convicted on the identification alone."},
                {"date": "2004", "event": "A law clinic asks for DNA testing."},
                {"date": "2006", "event": "DNA testing excludes him; he is freed."},
            ],
        },
    ),
]


@pytest.fixture(scope="module")
def pages(server, django_db_blocker):
    with built_for_the_module(django_db_blocker):
        yield build_pages()


def build_pages():
    home = HomePage.objects.get()
    theme = ThemePageFactory(
        parent=home,
        title="The Eyewitness",
        slug="the-eyewitness",
        look="amber",
        body=[
            ("section", {"heading": "Why memory fails", "text": RichText("<p>It fades.</p>")}),
            (
                "statistic",
                {
                    "figure": "69%",
                    "label": "of sample cases involved a mistaken identification",
                    "source_title": "Sample registry",
                    "source_url": "",
                },
            ),
            ("steps", {"heading": "How it goes wrong", "steps": ["A glimpse.", "A line-up."]}),
            (
                "reforms",
                {
                    "heading": "The reforms that fix it",
                    "reforms": [{"reform": "Blind line-ups", "explanation": "No cues."}],
                },
            ),
        ],
    )
    factor = ContributingFactorFactory(name="Suggestive line-up", theme=theme)
    index = StoryIndexPageFactory(
        parent=home,
        intro="Each of these people was convicted of a crime they did not commit. Filter "
        "their stories by what went wrong, where it happened and how the truth came out.",
    )
    common = {
        "parent": index,
        "factors": [factor],
        "is_sample": True,
        "body": BODY,
        "content_note": "This story mentions a violent robbery and a long prison sentence.",
        "summary": "Sam Rivera was a college student working nights when a witness picked his "
        "photo. A time sheet that proved where he was stayed in a drawer for eleven years.",
    }
    with_portrait = ExonereeStoryPageFactory(
        person_name="Sam Rivera",
        portrait=ImageFactory(file__width=800, file__height=1000),
        portrait_alt="Sam Rivera at home",
        portrait_credit="Photo: Sample",
        **common,
    )
    monogram = ExonereeStoryPageFactory(person_name="Robin Vale", **common)
    for number in range(4):
        ExonereeStoryPageFactory(parent=index, person_name=f"Person {number}", factors=[factor])
    return {
        "portrait": with_portrait.url,
        "monogram": monogram.url,
        "index": index.url,
        "filtered": f"{index.url}?theme=the-eyewitness&state=TX",
        "theme": theme.url,
    }


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone(request, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=request.param)
    yield context.new_page()
    context.close()


def top(page, selector):
    return page.locator(selector).first.evaluate(
        "e => e.getBoundingClientRect().top + window.scrollY"
    )


@pytest.mark.parametrize("story", ["portrait", "monogram"])
def test_on_a_phone_the_person_leads_and_the_narrative_follows(phone, server, pages, story):
    phone.goto(server.url + pages[story])

    narrative = top(phone, ".story__body > *")
    assert narrative < NARRATIVE_LIMIT, f"the narrative starts {narrative} px down"
    # Who they are, what it cost them, the sample label and the content note
    # all come before the narrative.
    for selector in (".portrait", "h1", ".story__years", ".sample-label", ".content-note"):
        assert phone.locator(selector).first.is_visible(), selector
        assert top(phone, selector) < narrative, selector
    assert "lost to a wrongful conviction" in phone.locator(".story__years").inner_text()
    # The case facts wait, closed, in one line.
    facts = phone.locator("details.case-facts")
    assert facts.evaluate("e => !e.open")
    assert not phone.get_by_text("Real perpetrator identified").is_visible()
    phone.get_by_text("The case in brief").click()
    assert phone.get_by_text("Real perpetrator identified").is_visible()


def test_the_timeline_draws_the_years_in_prison(phone, server, pages):
    phone.goto(server.url + pages["portrait"])

    events = phone.locator(".timeline ol > li")
    assert events.count() == 4
    custody = [
        "timeline__event--custody" in (events.nth(i).get_attribute("class") or "") for i in range(4)
    ]
    assert custody == [False, True, True, False]
    assert events.nth(3).get_by_text("Free after 11 years").is_visible()
    quote = phone.locator(".pull-quote")
    caption = quote.locator("figcaption")
    words = quote.locator("blockquote")
    caption_size = float(caption.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert caption_size < float(words.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    gap = top(phone, ".pull-quote figcaption") - (
        top(phone, ".pull-quote blockquote")
        + words.evaluate("e => e.getBoundingClientRect().height")
    )
    assert gap < 20, f"the attribution is {gap} px from the quote"


def test_the_first_story_is_in_the_first_screen_of_the_index(phone, server, pages):
    for name in ("index", "filtered"):
        phone.goto(server.url + pages[name])
        card = phone.locator(".story-card").first
        box = card.locator("a").first.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], f"{name}: {box}"
    assert phone.get_by_text("Filter stories (2 active)").is_visible()
    assert not phone.get_by_label("Contributing factor").is_visible()
    phone.get_by_text("Filter stories").click()
    assert phone.get_by_label("Contributing factor").is_visible()


def test_on_a_wide_screen_the_case_facts_sit_beside_the_narrative(browser, server, pages):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + pages["portrait"])

    facts = page.locator(".case-facts dl").bounding_box()
    body = page.locator(".story__body").bounding_box()
    assert page.get_by_text("Real perpetrator identified").is_visible()
    assert facts["x"] >= body["x"] + body["width"]
    assert facts["y"] < 900
    # The filters are shown, not folded away, where there is room.
    page.goto(server.url + pages["index"])
    assert page.get_by_label("Contributing factor").is_visible()
    context.close()


def test_a_printed_story_keeps_its_case_facts(page, server, pages):
    page.goto(server.url + pages["portrait"])
    page.emulate_media(media="print")

    assert page.locator("details.case-facts").evaluate("e => !e.open")
    assert page.get_by_text("Real perpetrator identified").is_visible()
    assert page.locator(".timeline__freed").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_story_index_and_theme_have_no_axe_violations_open_or_closed(
    browser, server, pages, scheme
):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    for name, summary in (
        ("portrait", "The case in brief"),
        ("monogram", "The case in brief"),
        ("filtered", "Filter stories"),
    ):
        page.goto(server.url + pages[name])
        assert_accessible(page)
        page.get_by_text(summary).first.click()
        assert page.locator("details[open]").count() == 1
        assert_accessible(page)
    page.goto(server.url + pages["theme"])
    assert page.locator(".steps li").count() == 2
    assert_accessible(page)
    context.close()
