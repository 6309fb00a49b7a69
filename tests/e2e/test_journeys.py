"""The core journeys with JavaScript turned off, and no request to any other
host on the way."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from actions.models import LetterCompletion, Signature
from home.models import HomePage
from stories.models import StoryRelatedAction
from tests.e2e.axe import assert_accessible
from tests.factories import (
    ActionIndexPageFactory,
    EmbedFactory,
    LetterPageFactory,
    PetitionPageFactory,
    stories_to_filter,
)
from tests.locale_factories import translate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("forms_may_be_sent_at_once"),
]


@pytest.fixture
def site(live_server):
    home = HomePage.objects.get()
    story = stories_to_filter(home)
    index = story.get_parent()
    actions = ActionIndexPageFactory(parent=home)
    petition = PetitionPageFactory(parent=actions)
    letter = LetterPageFactory(parent=actions)
    StoryRelatedAction.objects.create(page=story, action=petition, sort_order=0)
    return {"story": story, "petition": petition, "letter": letter, "index": index}


@pytest.fixture
def no_script(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_a_reader_filters_searches_reads_and_signs(no_script, live_server, site):
    tab = no_script
    tab.goto(live_server.url + site["index"].url)
    tab.get_by_label("Theme").select_option(label="The Eyewitness (1)")
    tab.get_by_role("button", name="Show stories").click()
    expect(tab.get_by_role("link", name="Sam Rivera")).to_be_visible()
    expect(tab.get_by_role("link", name="Robin Vale")).to_have_count(0)

    tab.goto(live_server.url + "/search/?q=Rivera")
    tab.get_by_role("link", name="The story of Sam Rivera").click()
    tab.get_by_role("link", name="Sign the petition").click()
    tab.get_by_label("First name").fill("Ada")
    tab.get_by_label("Last name").fill("Lovelace")
    tab.get_by_label("Email").fill("ada@example.org")
    tab.get_by_label("Postcode or ZIP").fill("10001")
    tab.get_by_role("button", name="Sign the petition").click()

    expect(tab.get_by_role("heading", level=1, name="Thank you")).to_be_visible()
    assert Signature.objects.get().source_page_id == site["story"].pk


def test_without_javascript_a_reader_reads_and_signs_in_spanish(no_script, live_server, site):
    """The Spanish index, a Spanish story, its petition in Spanish, signed,
    and thanked in Spanish (issue 16)."""
    tab = no_script
    peticion = translate(site["petition"], title="Revisen las condenas")
    historia = translate(site["story"], title="La historia de Sam Rivera")
    tab.goto(live_server.url + historia.get_parent().url)
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    tab.get_by_role("link", name="Sam Rivera").click()

    assert urlsplit(tab.url).path == historia.url
    expect(tab.get_by_role("heading", level=1)).to_contain_text("La historia de Sam Rivera")
    tab.get_by_role("link", name="Firme la petición").click()
    assert urlsplit(tab.url).path == peticion.url
    tab.get_by_label("Nombre", exact=True).fill("Ada")
    tab.get_by_label("Apellido", exact=True).fill("Lovelace")
    tab.get_by_label("Correo electrónico", exact=True).fill("ada@example.org")
    tab.get_by_label("Código postal (ZIP)", exact=True).fill("10001")
    tab.get_by_role("button", name="Firme la petición").click()

    expect(tab.get_by_role("heading", level=1, name="Gracias")).to_be_visible()
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    signature = Signature.objects.get()
    assert (signature.action_id, signature.source_page_id, signature.language) == (
        peticion.pk,
        historia.pk,
        "es",
    )


def test_without_javascript_a_reader_writes_to_an_official(no_script, live_server, site):
    no_script.goto(live_server.url + site["letter"].url)
    no_script.get_by_label("Your name").fill("Ada Lovelace")
    no_script.get_by_label("Your town or ZIP code").fill("Austin")
    no_script.get_by_role("button", name="Prepare my email").click()

    expect(no_script.get_by_role("link", name="Open it in my email")).to_have_attribute(
        "href", re.compile("^mailto:senator%40example.org")
    )
    assert LetterCompletion.objects.count() == 1


VIDEO_URL = "https://www.youtube.com/watch?v=sample-interview"


@pytest.fixture
def story_with_video(site):
    EmbedFactory(url=VIDEO_URL)
    story = site["story"]
    story.body = [("video", {"video": VIDEO_URL, "caption": "Sam tells his story."})]
    story.save_revision().publish()
    return story


def test_a_video_is_a_link_until_the_reader_asks_to_play_it(page, live_server, story_with_video):
    page.goto(live_server.url + story_with_video.url)
    link = page.get_by_role("link", name="Watch “Sam tells his story” on YouTube")
    expect(link).to_have_attribute("href", VIDEO_URL)
    expect(page.locator("iframe")).to_have_count(0)

    page.get_by_role("button", name="Play it here").click()

    expect(page.locator("iframe[title='Sam tells his story']")).to_have_count(1)


def test_no_page_asks_another_host_for_anything(page, live_server, site, story_with_video):
    own = urlsplit(live_server.url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            urlsplit(request.url).netloc not in (own, "")
            and request.url.split(":", 1)[0] in ("http", "https")
            and elsewhere.append(request.url)
        ),
    )
    for url in (
        "/",
        site["index"].url,
        site["story"].url,
        "/the-eyewitness/",
        site["petition"].url,
        site["petition"].url + "thanks/",
        site["letter"].url,
        "/search/?q=Rivera",
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    assert elsewhere == []


def test_without_javascript_a_reader_switches_language_and_back(no_script, live_server, site):
    """The switcher is a plain link to the same page in the other language
    (issue 16), and the header's name then leads to the home page in that
    language."""
    tab = no_script
    spanish = translate(site["story"], title="La historia de Sam Rivera")
    tab.goto(live_server.url + site["story"].url)
    tab.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()

    assert urlsplit(tab.url).path == spanish.url
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Sam Rivera")
    # (Named in Spanish once the messages are translated: found by its class.)
    tab.locator(".language-switcher").get_by_role("link", name="English").click()
    assert urlsplit(tab.url).path == site["story"].url

    tab.goto(live_server.url + spanish.url)
    tab.locator(".site-header__name").click()
    assert urlsplit(tab.url).path == "/es/"


def test_the_language_switcher_is_accessible_in_both_languages(page, live_server, site):
    """axe (which needs JavaScript, unlike the switcher) finds nothing in the
    header with the switcher, in English and in Spanish."""
    spanish = translate(site["story"], title="La historia de Sam Rivera")
    for url in (site["story"].url, spanish.url):
        page.goto(live_server.url + url)
        expect(page.locator(".language-switcher")).to_be_visible()
        assert_accessible(page, include=[[".site-header"]])
