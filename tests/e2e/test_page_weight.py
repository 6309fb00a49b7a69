"""Every page type costs a reader on a phone at most 30 KB of HTML, CSS and
JavaScript over the wire, images and fonts aside; the fonts, weighed on
their own, at most 60 KB, preloaded and shown with `font-display: swap`.

Chromium loads each page (a long story among them) from the live server and
every response is weighed as production compresses it. The test server sends them
uncompressed, so the sizes are computed here, from the bodies received:

- HTML at gzip level 6, as Django's GZipMiddleware or a CDN's default gives;
- CSS and JavaScript at gzip level 9, as whitenoise's compressed variants
  (collectstatic writes .gz at level 9 and .br beside each file). Browsers
  that accept brotli get smaller files still: the brotli figure is printed
  for reference, the budget is held on gzip.
"""

import gzip
from urllib.parse import urlsplit

import brotli
import pytest
from playwright.sync_api import expect

from home.models import HomePage
from registry.models import CaseRecord
from registry.samples import sample_records
from stories.models import ContributingFactor, RelatedStory, StoryRelatedAction
from tests.e2e.shared_site import built_for_the_module
from tests.factories import (
    ActionIndexPageFactory,
    ExonereeStoryPageFactory,
    ImageFactory,
    InformationPageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)
from tests.locale_factories import translate
from tests.registry_factories import NumbersPageFactory

pytestmark = [
    pytest.mark.browser,
    # The tests only look: the pages are built once (tests/e2e/conftest.py).
    pytest.mark.django_db,
]

BUDGET = 30 * 1024
FONT_BUDGET = 60 * 1024
COUNTED = {"document", "stylesheet", "script", "fetch", "xhr"}
NOT_COUNTED = {"image", "font", "media"}

PARAGRAPH = (
    "Sam Rivera worked nights at a bakery and was saving for college when police knocked on "
    "his door. A clerk at a store that had been robbed had picked his photo from an array of "
    "six, after a detective told her the suspect was among them. His lawyer met him twice "
    "before trial and called none of the co-workers who had seen him at the ovens that night."
)


def long_story_body():
    """A story at the long end of what the campaign publishes: about 1,000
    words in eight sections, a quote, a ten-step timeline and sources."""
    body = []
    for n in range(8):
        body.append({"type": "text", "value": f"<h2>Part {n + 1}</h2>" + f"<p>{PARAGRAPH}</p>" * 2})
        if n == 2:
            body.append(
                {
                    "type": "quote",
                    "value": {"quote": "Nobody checked the register.", "attribution": "Sam"},
                }
            )
        if n == 4:
            events = [
                {"date": str(1994 + step), "event": f"Step {step} of the case, in a sentence."}
                for step in range(10)
            ]
            body.append(
                {"type": "timeline", "value": {"heading": "Case timeline", "events": events}}
            )
    body += [
        {
            "type": "citation",
            "value": {
                "title": f"Sample source {n}",
                "publisher": "Sample County court",
                "url": f"https://example.org/source-{n}",
            },
        }
        for n in range(4)
    ]
    return body


@pytest.fixture(scope="module")
def site(server, django_db_blocker):
    with built_for_the_module(django_db_blocker):
        story = build_story()
        yield story, build_pages(story)


@pytest.fixture
def story(site):
    return site[0]


@pytest.fixture
def pages(site):
    return site[1]


def build_story():
    home = HomePage.objects.get()
    index = StoryIndexPageFactory(parent=home)
    image = ImageFactory(title="Sample portrait", file__width=80, file__height=100)
    factors = list(ContributingFactor.objects.order_by("slug"))
    others = [
        ExonereeStoryPageFactory(
            parent=index, portrait=image, portrait_alt="Portrait", factors=factors[:2]
        )
        for _ in range(3)
    ]
    story = ExonereeStoryPageFactory(
        parent=index,
        person_name="Sam Rivera",
        portrait=image,
        portrait_alt="Portrait of Sam Rivera",
        portrait_credit="Photo: family",
        content_note="This story mentions a robbery.",
        body=long_story_body(),
        factors=factors[:3],
    )
    story.related_stories = [RelatedStory(story=other) for other in others]
    story.save_revision().publish()
    actions = ActionIndexPageFactory(parent=home)
    petition = PetitionPageFactory(parent=actions)
    SignatureFactory.create_batch(5, action=petition)
    StoryRelatedAction(page=story, action=petition, sort_order=0).save()
    StoryRelatedAction(page=story, action=LetterPageFactory(parent=actions), sort_order=1).save()
    return story


def build_pages(story):
    home = HomePage.objects.get()
    home.hero_action_page = story.related_actions.first().action
    home.save_revision().publish()
    theme = ThemePageFactory(parent=home)
    petition = story.related_actions.first().action
    # The national figures, every one, from as many records as the Registry holds.
    CaseRecord.objects.bulk_create(sample_records(3500))
    numbers = NumbersPageFactory(parent=home)
    # In Spanish (issue 16): the long story, and with it the home page.
    spanish_story = translate(story, title="La historia de Sam Rivera")
    return {
        "home (es)": "/es/",
        "story (es)": spanish_story.url,
        "home": "/",
        "story": story.url,
        "story index": story.get_parent().url,
        "theme": theme.url,
        "action index": petition.get_parent().url,
        "petition": petition.url,
        "information": InformationPageFactory(parent=home).url,
        "numbers": numbers.url,
        "not found": "/no-such-page/",
    }


def load(page, url):
    """The responses of one page load, once the network is quiet."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    expect(page.locator("h1")).to_be_visible()
    page.wait_for_load_state("networkidle")
    return responses


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "story",
        "story index",
        "theme",
        "action index",
        "petition",
        "information",
        "numbers",
        "not found",
        "home (es)",
        "story (es)",
    ],
)
def test_every_page_is_at_most_30_kb_of_html_css_and_js(page, server, pages, name):
    responses = load(page, server.url + pages[name])
    expect(page.locator("html")).to_have_attribute("lang", "es" if "(es)" in name else "en")

    origin = urlsplit(server.url).netloc
    rows, excluded = [], []
    for response in responses:
        request = response.request
        kind = request.resource_type
        url = urlsplit(response.url)
        path = url.path + (f"?{url.query}" if url.query else "")
        if kind not in COUNTED:
            excluded.append(f"{kind} {path}")
            continue
        assert url.netloc == origin, f"a {kind} from another site: {response.url}"
        expected = 404 if name == "not found" and kind == "document" else 200
        assert response.status == expected, f"{path}: HTTP {response.status}"
        body = response.body()
        level = 6 if kind == "document" else 9
        rows.append((kind, path, len(body), len(gzip.compress(body, level, mtime=0)), body))

    total = sum(row[3] for row in rows)
    print(f"\n{name}\n{'resource':58} {'raw':>8} {'gzip':>8} {'brotli':>8}")
    for kind, path, raw, gzipped, body in rows:
        print(
            f"{kind + ' ' + path:58.58} {raw:>8,} {gzipped:>8,} "
            f"{len(brotli.compress(body, quality=11)):>8,}"
        )
    print(f"{'total (HTML at gzip 6, CSS and JS at gzip 9)':58} {'':>8} {total:>8,}")
    print(f"not counted: {', '.join(excluded) or 'nothing'}")

    assert [row[0] for row in rows].count("document") == 1
    assert any(row[0] == "stylesheet" for row in rows), "no stylesheet was loaded"
    assert total <= BUDGET, f"{name}: {total:,} bytes of HTML, CSS and JS, over {BUDGET:,}"


def test_the_fonts_are_at_most_60_kb_preloaded_and_swapped(page, server, story):
    responses = load(page, server.url + story.url)
    fonts = [response for response in responses if response.request.resource_type == "font"]
    assert fonts, "no font was loaded"
    # WOFF2 is compressed already: its bytes are what travels.
    total = sum(len(response.body()) for response in fonts)
    assert total <= FONT_BUDGET, f"{total:,} bytes of fonts, over {FONT_BUDGET:,}"

    for response in fonts:
        path = urlsplit(response.url).path
        preload = page.locator(f'link[rel="preload"][as="font"][href="{path}"]')
        expect(preload).to_have_count(1)
        assert preload.get_attribute("crossorigin") is not None  # else fetched twice
    stylesheet = next(r for r in responses if r.request.resource_type == "stylesheet")
    faces = stylesheet.text().split("@font-face")[1:]
    assert faces and all("font-display: swap" in face.split("}")[0] for face in faces)
