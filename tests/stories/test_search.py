"""Site search at /search/: stories, themes and other pages, without JavaScript."""

import itertools
import re
from datetime import UTC, datetime

import pytest

from django.urls import reverse

from wagtail.models import PageViewRestriction

from home.models import HomePage
from stories.models import PRIVATE_FIELDS, ExonereeStoryPage
from stories.search import MAX_QUERY_LENGTH
from tests.factories import ExonereeStoryPageFactory, StoryIndexPageFactory, ThemePageFactory
from tests.queries import PAGE_BUDGET, within_budget
from tests.shared import built_once, fresh

pytestmark = pytest.mark.django_db

SLUGS = itertools.count()


def make_story(index, **kwargs):
    fields = {
        "slug": f"story-{next(SLUGS)}",
        "first_published_at": datetime(2024, 1, 1, tzinfo=UTC),
        "consent_note": "SECRET NOTE",
        "legal_review_note": "LEGAL NOTE",
        **kwargs,
    }
    return ExonereeStoryPageFactory(parent=index, **fields)


@pytest.fixture(scope="module")
def site_pages(django_db_setup, django_db_blocker):
    """Built once for the module (see tests/shared.py)."""
    with built_once(django_db_blocker):
        yield build_site()


@pytest.fixture
def index(db, site_pages):
    """The story index, with the stories of `build_site` in it."""
    return fresh(site_pages["index"])


def build_site():
    home = HomePage.objects.get()
    index = StoryIndexPageFactory(parent=home)
    theme = ThemePageFactory(
        parent=home,
        title="The Eyewitness",
        slug="the-eyewitness",
        intro="Memory is not a recording: confident witnesses still pick the wrong man.",
    )
    marcus = make_story(
        index,
        person_name="Marcus Reed",
        slug="marcus-reed",
        summary="Picked out of a line-up by a frightened witness, freed by DNA in 2006.",
    )
    ana = make_story(
        index,
        person_name="Ana Ortiz",
        slug="ana-ortiz",
        summary="A jailhouse informant lied for a reduced sentence.",
    )
    draft = make_story(index, person_name="Draft Zebedee", summary="Not published yet.", live=False)
    hidden = make_story(index, person_name="Hidden Zebedee", summary="Behind a password.")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return {"index": index, "theme": theme, "stories": [marcus, ana, draft, hidden]}


def search(client, q=None, **params):
    if q is not None:
        params["q"] = q
    return client.get("/search/", params)


def result_links(response):
    return re.findall(
        r'<h3 class="search__result-title">\s*<a href="([^"]+)">', response.content.decode()
    )


def test_the_url_is_named():
    assert reverse("search") == "/search/"


def test_it_finds_a_story_by_the_persons_name(client, site_pages):
    response = search(client, "Marcus Reed")

    assert response.status_code == 200
    assert result_links(response) == ["/stories/marcus-reed/"]
    assert "<mark>Marcus</mark> <mark>Reed</mark>" in response.content.decode()


def test_it_finds_a_story_by_words_of_its_summary_and_marks_them(client, site_pages):
    response = search(client, "informant")

    assert result_links(response) == ["/stories/ana-ortiz/"]
    content = response.content.decode()
    assert "A jailhouse <mark>informant</mark> lied for a reduced sentence." in content
    assert "1 result for “informant”" in content


def test_it_finds_theme_explainers(client, site_pages):
    response = search(client, "recording")

    assert result_links(response) == ["/the-eyewitness/"]
    assert "Memory is not a <mark>recording</mark>" in response.content.decode()
    assert "Theme explainer" in response.content.decode()


def test_it_finds_calls_to_action_by_their_words_but_never_supporters(client, site_pages):
    from tests.factories import ActionIndexPageFactory, PetitionPageFactory, SignatureFactory

    actions = ActionIndexPageFactory(parent=HomePage.objects.get())
    petition = PetitionPageFactory(
        parent=actions, title="Ban bite-mark testimony", statement="Independent review now."
    )
    SignatureFactory(action=petition, first_name="Quillon", email="quillon@example.org")
    assert petition.url in result_links(search(client, "bite-mark"))
    assert petition.url in result_links(search(client, "independent review"))
    assert result_links(search(client, "Quillon")) == []


def test_words_match_whatever_their_case(client, site_pages):
    response = search(client, "FRIGHTENED")

    assert result_links(response) == ["/stories/marcus-reed/"]
    assert "a <mark>frightened</mark> witness" in response.content.decode()


def test_drafts_private_pages_and_private_fields_are_never_found(client, site_pages):
    for query in ("Zebedee", "SECRET NOTE", "LEGAL NOTE", "SECRET"):
        response = search(client, query)

        assert response.status_code == 200
        assert result_links(response) == []
        assert "No results for" in response.content.decode()

    for query in ("Marcus", "Ana", "witness"):
        content = search(client, query).content.decode()
        assert "SECRET NOTE" not in content
        assert "LEGAL NOTE" not in content
        assert "consent" not in content


@pytest.mark.parametrize("q", [None, "", "   ", "\t\n"])
def test_an_empty_query_shows_a_prompt_and_no_results(client, site_pages, q):
    response = search(client, q)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Type a name, a place or a few words" in content
    assert "No results" not in content
    assert result_links(response) == []
    assert '<label class="search__label" for="search-query">' in content
    assert 'name="q"' in content


@pytest.mark.parametrize("q", ["%%%", "***", '"', "'", "-", "AND OR NOT", "()", "_ _", "\x00", "☃"])
def test_queries_of_only_punctuation_or_operators_give_no_results(client, site_pages, q):
    response = search(client, q)

    assert response.status_code == 200
    assert result_links(response) == []


@pytest.mark.parametrize(
    "q",
    [
        'Marcus"',
        "Marcus*",
        "(Marcus)",
        "Marcus\x00",
        "Marcus's",
        "Marcus & | !",
        "-Marcus",
        "Marcus^2",
    ],
)
def test_search_syntax_is_not_interpreted(client, site_pages, q):
    response = search(client, q)

    assert response.status_code == 200
    assert "/stories/marcus-reed/" in result_links(response)


@pytest.mark.parametrize(
    "q",
    [
        "Marcus OR Zebra",
        "NEAR(Marcus Reed)",
        "title:Marcus",
        "Marcus'; DROP TABLE wagtailcore_page; --",
    ],
)
def test_operators_are_plain_words(client, site_pages, q):
    response = search(client, q)

    assert response.status_code == 200
    assert result_links(response) == []


@pytest.mark.parametrize(
    "q",
    [
        "Marcus AND NOT Reed",
        "NOT",
        "the and or",
        "\u202eevil",
        "𝔐𝔞𝔯𝔠𝔲𝔰",
        "ß" * 199 + "ẞ",
        "Marcus\r\nReed",
        "%00%ff",
        "\\",
        "Robert'); --",
        "ｍａｒｃｕｓ",
        "1" * 200,
    ],
)
def test_absurd_queries_never_fail(client, site_pages, q):
    response = search(client, q)

    assert response.status_code == 200


def test_a_very_long_query_is_cut_to_200_characters(client, site_pages):
    response = search(client, "Marcus " + "x" * 5000)

    assert response.status_code == 200
    content = response.content.decode()
    assert "only its first 200 characters" in content
    value = re.search(r'name="q"\s+value="([^"]*)"', content).group(1)
    assert len(value) == MAX_QUERY_LENGTH


def test_a_long_query_of_many_words_is_handled(client, site_pages):
    response = search(client, " ".join(["witness"] * 2500))

    assert response.status_code == 200
    assert "/stories/marcus-reed/" in result_links(response)


def test_query_and_snippets_are_escaped(client, index):
    make_story(
        index,
        slug="jo-bold",
        person_name="Jo <b>Bold</b>",
        summary='<script>alert("x")</script> & Bold claims',
    )

    response = search(client, "bold")

    content = response.content.decode()
    assert result_links(response) == ["/stories/jo-bold/"]
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>Bold</mark>" in content
    assert "Jo &lt;b&gt;<mark>Bold</mark>&lt;/b&gt;" in content


def test_the_query_is_escaped_where_it_is_shown(client, index):
    response = search(client, '"><script>alert(1)</script>')

    content = response.content.decode()
    assert "<script>alert" not in content
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in content


def test_results_are_paginated_ten_to_a_page(client, index):
    for n in range(12):
        make_story(index, person_name=f"Person {n}", summary=f"Convicted of arson, case {n}.")

    first = search(client, "arson")
    second = search(client, "arson", page="2")

    assert len(result_links(first)) == 10
    assert len(result_links(second)) == 2
    assert not set(result_links(first)) & set(result_links(second))
    assert "12 results for “arson”" in first.content.decode()
    assert 'href="?q=arson&amp;page=2"' in first.content.decode()
    assert 'href="?q=arson&amp;page=1"' in second.content.decode()


@pytest.mark.parametrize("number", ["abc", "", "-1", "1.5", "２"])
def test_a_page_that_is_not_a_number_is_page_one(client, site_pages, number):
    response = search(client, "Marcus", page=number)

    assert response.status_code == 200
    assert result_links(response) == ["/stories/marcus-reed/"]


@pytest.mark.parametrize("number", ["999", "0", "2", "9" * 5000])
def test_a_page_past_the_results_is_not_found(client, site_pages, number):
    assert search(client, "Marcus", page=number).status_code == 404


def test_a_search_makes_a_bounded_number_of_queries(client, index, site_pages):
    for n in range(12):
        make_story(index, person_name=f"Person {n}", summary=f"The witness lied, case {n}.")
    search(client, "warm")  # the navigation, cached for every page after the first

    with within_budget(PAGE_BUDGET, "a search"):
        response = search(client, "witness")

    assert len(result_links(response)) == 10


def test_search_pages_are_not_indexed_and_only_read(client, site_pages):
    assert search(client, "Marcus")["X-Robots-Tag"] == "noindex"
    assert client.post("/search/", {"q": "Marcus"}).status_code == 405


def snippets(response):
    return re.findall(
        r'<p class="search__result-snippet">(.*?)</p>', response.content.decode(), re.DOTALL
    )


def test_an_action_shows_its_teaser_as_text_never_its_html(client, site_pages):
    from tests.factories import ActionIndexPageFactory, PetitionPageFactory

    actions = ActionIndexPageFactory(parent=HomePage.objects.get())
    PetitionPageFactory(
        parent=actions,
        title="Ban bite-mark testimony",
        teaser="Ask for an independent review of bite-mark convictions.",
        intro="<p>Bite-mark comparison has <b>no</b> scientific basis.</p>",
    )

    assert snippets(search(client, "bite-mark")) == [
        "Ask for an independent review of <mark>bite</mark>-<mark>mark</mark> convictions."
    ]


def test_rich_text_shows_as_plain_words_in_a_snippet(client, site_pages):
    from tests.factories import ActionIndexPageFactory, PetitionPageFactory

    actions = ActionIndexPageFactory(parent=HomePage.objects.get())
    petition = PetitionPageFactory(
        parent=actions,
        title="Review hair evidence",
        intro="<p>Hair &amp; fibre claims went <b>far</b> beyond the science.</p>",
    )
    # Without a teaser (required in the editor; imported pages may lack one).
    type(petition).objects.filter(pk=petition.pk).update(teaser="")

    [snippet] = snippets(search(client, "hair"))

    assert "<mark>Hair</mark> &amp; fibre claims went far beyond the science." in snippet
    assert "&lt;" not in snippet
    assert "<p>" not in snippet
    assert "&amp;amp;" not in snippet


def test_the_field_is_a_labelled_search_box_that_keeps_the_query(client, site_pages):
    content = search(client, 'Marcus "Reed"').content.decode()

    field = re.search(r"<input[^>]*>", content.split('role="search"', 1)[1]).group()
    assert 'type="search"' in field
    assert 'id="search-query"' in field
    assert 'value="Marcus &quot;Reed&quot;"' in field
    assert re.search(r'<label class="search__label" for="search-query">\w', content)
    assert re.search(
        r'<button class="button search__button" type="submit">Search</button>', content
    )


def test_the_story_index_entries_come_from_the_story_fields():
    entries = {
        (type(entry).__name__, entry.field_name, getattr(entry, "boost", None))
        for entry in ExonereeStoryPage.search_fields
    }

    assert entries >= {
        ("SearchField", "title", 2),  # every page's
        ("SearchField", "person_name", 3),
        ("SearchField", "summary", 2),
        ("SearchField", "crimes_charged", None),
        ("SearchField", "body", None),
        ("FilterField", "jurisdiction", None),
        ("FilterField", "dna_based", None),
        ("FilterField", "exoneration_year", None),
    }
    assert {name for __, name, __ in entries} & set(PRIVATE_FIELDS) == set()
