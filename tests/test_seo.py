"""What search engines and social networks read: meta descriptions, canonical
addresses, Open Graph and Twitter cards, the sitemap and robots.txt."""

import datetime
from html.parser import HTMLParser

import pytest
from PIL import Image as PILImage

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from core import seo
from stories.models import PRIVATE_FIELDS
from tests.factories import (
    ActionIndexPageFactory,
    DonatePageFactory,
    ExonereeStoryPageFactory,
    ImageFactory,
    InformationPageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    SignUpPageFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)

pytestmark = pytest.mark.django_db

FALLBACK_IMAGE_URL = "http://testserver/static/img/social-card.png"


class HeadParser(HTMLParser):
    """The <meta> and <link> elements of a page's <head>, and its <html lang>."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = []
        self.lang = None
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "head":
            self.in_head = True
        elif tag == "meta" and self.in_head and "content" in attrs:
            key = attrs.get("property") or attrs.get("name")
            assert key not in self.meta, f"{key} appears twice"
            self.meta[key] = attrs["content"]
        elif tag == "link" and self.in_head:
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False

    def link(self, rel, **attrs):
        found = [
            link["href"]
            for link in self.links
            if link.get("rel") == rel and all(link.get(k) == v for k, v in attrs.items())
        ]
        assert len(found) <= 1, found
        return found[0] if found else None


def head(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def image(width=1600, height=1000):
    return ImageFactory(title="Portrait", file__width=width, file__height=height)


@pytest.fixture
def story_index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def action_index(home):
    return ActionIndexPageFactory(parent=home, intro="Here is what you can do.")


# Each page type, made by a factory, and the field its description falls back to.
PAGE_TYPES = {
    "home": (None, "intro"),
    "information": (lambda home, actions: InformationPageFactory(parent=home), "intro"),
    "theme": (lambda home, actions: ThemePageFactory(parent=home), "intro"),
    "story index": (lambda home, actions: StoryIndexPageFactory(parent=home), "intro"),
    "story": (
        lambda home, actions: ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=home)),
        "summary",
    ),
    "action index": (lambda home, actions: actions, "intro"),
    "petition": (lambda home, actions: PetitionPageFactory(parent=actions), "teaser"),
    "letter": (lambda home, actions: LetterPageFactory(parent=actions), "teaser"),
    "donation": (lambda home, actions: DonatePageFactory(parent=actions), "teaser"),
    "sign-up": (lambda home, actions: SignUpPageFactory(parent=actions), "teaser"),
}


@pytest.fixture(params=PAGE_TYPES)
def typed_page(request, home, action_index):
    make, field = PAGE_TYPES[request.param]
    page = make(home, action_index) if make else home
    setattr(page, field, f"The {request.param} page’s own words.")
    page.save_revision().publish()
    return page, field


# Meta descriptions


def test_the_description_is_the_pages_own_text_then_its_search_description(client, typed_page):
    page, field = typed_page

    meta = head(client, page.url).meta
    assert meta["description"] == getattr(page, field)
    assert meta["og:description"] == meta["twitter:description"] == meta["description"]

    page.search_description = "Written by an editor for search engines."
    page.save_revision().publish()

    assert head(client, page.url).meta["description"] == "Written by an editor for search engines."


def test_a_page_without_any_text_is_described_by_the_site(client, home, settings):
    page = InformationPageFactory(parent=home, intro="")

    assert head(client, page.url).meta["description"] == settings.SITE_DESCRIPTION


def test_a_long_description_is_cut_at_a_word_on_one_line(client, story_index):
    summary = "Convicted on\na single mistaken identification, " + "he waited years. " * 20
    story = ExonereeStoryPageFactory(parent=story_index, summary=summary)

    description = head(client, story.url).meta["description"]

    one_line = " ".join(summary.split())
    kept = description.removesuffix("…")
    assert len(description) <= seo.DESCRIPTION_LENGTH
    assert description.endswith("…")
    assert one_line.startswith(kept)
    assert one_line[len(kept)] == " "  # a whole word


def test_rich_text_becomes_plain_text():
    petition = PetitionPageFactory.build(teaser="", intro="<p>Sign <b>now</b> &amp; share.</p>")

    assert seo.meta_description(petition) == "Sign now & share."


def test_an_explicit_description_wins():
    story = ExonereeStoryPageFactory.build(search_description="Ignored here.")

    assert seo.meta_description(story, "Given by the template.") == "Given by the template."


def test_private_fields_of_a_story_never_reach_the_meta_tags(client, story_index):
    story = ExonereeStoryPageFactory(
        parent=story_index,
        search_description="",
        consent_date=datetime.date(2020, 11, 3),
        consent_note="PRIVATE consent kept in the blue folder",
        legal_review_done=True,
        legal_review_note="PRIVATE legal review: risk of defamation",
        portrait=image(),
        portrait_alt="Sam outside the courthouse",
    )
    assert not set(seo.DESCRIPTION_FIELDS) & set(PRIVATE_FIELDS)

    parsed = head(client, story.url)

    shown = " ".join([*parsed.meta.values(), *(link["href"] for link in parsed.links)])
    assert "PRIVATE" not in shown
    assert "2020-11-03" not in shown
    assert "blue folder" not in shown


# Canonical addresses, robots and languages


def test_a_page_names_its_canonical_address_in_every_language_slot(client, story_index):
    story = ExonereeStoryPageFactory(parent=story_index)

    parsed = head(client, f"{story.url}?utm_source=newsletter")

    canonical = story.get_full_url()
    assert parsed.link("canonical") == canonical
    assert parsed.link("alternate", hreflang="en") == canonical
    assert parsed.link("alternate", hreflang="x-default") == canonical
    assert parsed.meta["og:url"] == canonical
    assert "robots" not in parsed.meta
    assert parsed.lang == "en"


def test_the_filtered_story_index_points_to_the_unfiltered_one(client, story_index):
    parsed = head(client, f"{story_index.url}?theme=the-evidence&dna=yes&sort=years&page=1")

    assert parsed.link("canonical") == story_index.get_full_url()
    assert "?" not in parsed.link("canonical")
    assert parsed.meta["og:url"] == story_index.get_full_url()


def test_search_results_are_not_indexed_and_have_no_canonical(client):
    parsed = head(client, "/search/?q=eyewitness")

    assert parsed.meta["robots"] == "noindex"
    assert parsed.link("canonical") is None
    assert parsed.link("alternate", hreflang="x-default") is None
    assert parsed.meta["description"].startswith("Search the stories")
    assert parsed.meta["og:image"] == FALLBACK_IMAGE_URL


def test_the_not_found_page_is_not_indexed(client):
    parsed = head(client, "/no-such-page/", status=404)

    assert parsed.meta["robots"] == "noindex"
    assert parsed.link("canonical") is None
    assert parsed.meta["description"] == "The page you were looking for is not here."


def test_a_petitions_thank_you_is_not_indexed(client, action_index):
    petition = PetitionPageFactory(parent=action_index)

    parsed = head(client, f"{petition.url}thanks/")

    assert parsed.meta["robots"] == "noindex"
    assert parsed.link("canonical") is None


# Open Graph and Twitter cards


def test_a_page_without_a_portrait_shares_the_sites_card(client, home, settings):
    meta = head(client, home.url).meta

    assert meta["og:type"] == "website"
    assert meta["og:title"] == meta["twitter:title"] == home.title
    assert meta["og:site_name"] == settings.WAGTAIL_SITE_NAME
    assert meta["og:image"] == meta["twitter:image"] == FALLBACK_IMAGE_URL
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == settings.WAGTAIL_SITE_NAME
    assert meta["twitter:card"] == "summary_large_image"


def test_the_seo_title_is_the_shared_title(client, home):
    home.seo_title = "Innocent, and still convicted"
    home.save_revision().publish()

    assert head(client, home.url).meta["og:title"] == "Innocent, and still convicted"


def test_a_story_is_an_article_shared_with_its_portrait(client, story_index):
    story = ExonereeStoryPageFactory(
        parent=story_index, portrait=image(), portrait_alt="Sam outside the courthouse"
    )

    meta = head(client, story.url).meta

    rendition = story.portrait.get_rendition(seo.SOCIAL_IMAGE_SPEC)
    assert meta["og:type"] == "article"
    assert meta["og:image"] == meta["twitter:image"] == f"http://testserver{rendition.url}"
    assert rendition.url.endswith(".jpg")
    assert (rendition.width, rendition.height) == (1200, 630)
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == "Sam outside the courthouse"


def test_a_story_without_a_portrait_shares_the_sites_card(client, story_index):
    story = ExonereeStoryPageFactory(parent=story_index)

    meta = head(client, story.url).meta

    assert meta["og:type"] == "article"
    assert meta["og:image"] == FALLBACK_IMAGE_URL


def test_the_social_image_costs_a_story_no_query_warm_or_cold(client, story_index, monkeypatch):
    story = ExonereeStoryPageFactory(parent=story_index, portrait=image(), portrait_alt="Sam")
    client.get(story.url)  # makes the renditions

    def queries(cold):
        if cold:
            cache.clear()  # where Wagtail keeps renditions it has looked up
        else:
            client.get(story.url)
        # A comparison, not a budget: a cold cache costs any page more.
        with CaptureQueriesContext(connection) as captured:
            client.get(story.url)
        return len(captured)

    with_portrait = {"warm": queries(cold=False), "cold": queries(cold=True)}
    monkeypatch.setattr(seo, "portrait_rendition", lambda image: None)
    without = {"warm": queries(cold=False), "cold": queries(cold=True)}

    assert with_portrait["warm"] <= without["warm"]
    assert with_portrait["cold"] <= without["cold"]


def test_the_sites_card_is_a_small_1200_by_630_image():
    path = finders.find(seo.FALLBACK_IMAGE)

    assert path, "static/img/social-card.png is missing"
    with PILImage.open(path) as card:
        assert card.size == seo.FALLBACK_IMAGE_SIZE == (1200, 630)
        assert card.format == "PNG"
    with open(path, "rb") as file:
        assert len(file.read()) < 60 * 1024


# Sitemap and robots.txt


def test_the_english_sitemap_lists_live_public_pages_only(client, home, story_index):
    story = ExonereeStoryPageFactory(parent=story_index)
    theme = ThemePageFactory(parent=home)
    draft = ExonereeStoryPageFactory(parent=story_index, live=False)
    private = InformationPageFactory(parent=home, title="Staff only", slug="staff")
    private_child = InformationPageFactory(parent=private, title="Rota", slug="rota")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    response = client.get("/sitemap-en.xml")  # the index at /sitemap.xml lists it

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    sitemap = response.content.decode()
    for page in (home, story_index, story, theme):
        assert f"<loc>{page.get_full_url()}</loc>" in sitemap
    for page in (draft, private, private_child):
        assert page.get_full_url() not in sitemap


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_forms(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /actions/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
