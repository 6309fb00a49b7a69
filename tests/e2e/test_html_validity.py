"""Every kind of public page is valid HTML, as the Nu Html Checker (vnu, the
W3C's validator, run offline from node_modules) sees it.

The pages are rendered by Django's test client, each in the states a visitor
can meet: action forms empty, with validation errors and after sending. The
HTML is written to files and checked in one run of vnu (a JVM start costs
seconds). No browser is needed, but Java and `npm ci` are: without them the
test fails, never skips, so CI cannot pass without checking.
"""

import json
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from django.core.files.base import ContentFile
from django.db import OperationalError
from django.test import RequestFactory
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Site

from actions.models import ActionSettings, GiftImpact, PetitionPage
from campaign.views import server_error
from home.models import (
    FeaturedStory,
    FooterLink,
    HomePage,
    NavigationSettings,
    OrganisationSettings,
)
from stories.models import (
    ContributingFactor,
    ExonereeStoryPage,
    Jurisdiction,
    RelatedStory,
    StoryRelatedAction,
    ThemeRelatedAction,
)
from tests.actions.helpers import post_action
from tests.factories import (
    ActionIndexPageFactory,
    DonatePageFactory,
    ExonereeStoryPageFactory,
    ImageFactory,
    InformationPageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    SignUpFormFieldFactory,
    SignUpPageFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VIDEO_URL = "https://www.youtube.com/watch?v=sample-interview"


def vnu_command():
    """How to run vnu here, or a failure that says what to install."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "The HTML validity test needs Java 11 or newer for the Nu Html Checker: "
            "install it (Debian/Ubuntu: sudo apt-get install default-jre-headless) "
            "or run bin/test, which does."
        )
    if not VNU_JAR.is_file():
        pytest.fail(
            f"The Nu Html Checker is missing ({VNU_JAR.relative_to(ROOT)}): run "
            "`npm ci --no-audit --no-fund --ignore-scripts` in the repository root, "
            "or bin/test, which does."
        )
    # C1 only and the serial collector: a short run starts twice as fast.
    jvm = ["-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]
    return [java, *jvm, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def rich_story_body(image, document):
    """A story body with every kind of block the story editor offers."""
    return [
        {
            "type": "text",
            "value": "<h2>The arrest</h2><p>Sam worked <b>nights</b> at a bakery. "
            '<a href="https://example.org/report">A report</a> says so.</p>'
            "<ul><li>One witness</li><li>No physical evidence</li></ul>",
        },
        {
            "type": "quote",
            "value": {"quote": "Nobody checked the register.", "attribution": "Sam, exoneree"},
        },
        {
            "type": "timeline",
            "value": {
                "heading": "Case timeline",
                "events": [
                    {"date": "1994", "event": "A robbery; a witness picks a photo."},
                    {"date": "2006", "event": "DNA testing excludes Sam."},
                ],
            },
        },
        {
            "type": "image",
            "value": {
                "image": {
                    "image": image.pk,
                    "alt_text": "The courthouse steps",
                    "decorative": False,
                },
                "caption": "The courthouse where Sam was tried.",
                "credit": "Photo: Sample Photographer",
            },
        },
        {"type": "video", "value": {"video": VIDEO_URL, "caption": "Sam tells his story."}},
        {"type": "document", "value": {"document": document.pk, "description": "Court ruling"}},
        {
            "type": "citation",
            "value": {
                "title": "Order vacating the conviction",
                "publisher": "Sample County court",
                "url": "https://example.org/ruling",
            },
        },
        {"type": "citation", "value": {"title": "Registry entry", "publisher": "", "url": ""}},
    ]


THEME_BODY = [
    {
        "type": "section",
        "value": {"heading": "Why memory fails", "text": "<p>Memory is <i>rebuilt</i>.</p>"},
    },
    {
        "type": "statistic",
        "value": {
            "figure": "69%",
            "label": "of DNA exonerations involved eyewitness error",
            "source_title": "Sample registry",
            "source_url": "https://example.org/registry",
        },
    },
    {
        "type": "statistic",
        "value": {"figure": "1 in 4", "label": "cases", "source_title": "A report"},
    },
    {"type": "quote", "value": {"quote": "I was sure.", "attribution": "A witness"}},
    {"type": "steps", "value": {"heading": "How it goes wrong", "steps": ["Glimpse.", "Line-up."]}},
    {
        "type": "reforms",
        "value": {
            "heading": "The reforms that fix it",
            "reforms": [{"reform": "Double-blind line-ups", "explanation": "No cues."}],
        },
    },
]


@pytest.fixture
def site(settings):
    """A small site with every kind of page and block, as staff would fill it."""
    settings.ACTION_MIN_FILL_SECONDS = 0
    home = HomePage.objects.get()
    portrait = ImageFactory(title="Portrait", file__width=400, file__height=500)
    photo = ImageFactory(title="Courthouse", file__width=1200, file__height=800)
    document = get_document_model().objects.create(
        title="Ruling", file=ContentFile(b"%PDF-1.4 sample", name="ruling.pdf")
    )
    # The video's oEmbed answer as YouTube gives it, stored so no request is made.
    Embed.objects.create(
        url=VIDEO_URL,
        max_width=None,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe width="200" height="113" '
        'src="https://www.youtube.com/embed/sample?feature=oembed" frameborder="0" '
        'allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; '
        'picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" '
        'allowfullscreen title="Sam tells his story"></iframe>',
        title="Sam tells his story",
        provider_name="YouTube",
        width=200,
        height=113,
    )

    theme = ThemePageFactory(parent=home, title="The Eyewitness", slug="the-eyewitness")
    theme.body = THEME_BODY
    theme.save_revision().publish()
    factors = list(ContributingFactor.objects.order_by("slug"))
    for factor in factors:
        factor.theme = theme
        factor.save()

    index = StoryIndexPageFactory(parent=home, show_in_menus=True)
    stories = [
        ExonereeStoryPageFactory(
            parent=index,
            person_name=name,
            jurisdiction=state,
            dna_based=n % 2 == 0,
            portrait=portrait,
            portrait_alt=f"Portrait of {name}",
            portrait_credit="Photo: family",
            content_note="This story mentions a robbery." if n == 0 else "",
            factors=factors[n : n + 2],
        )
        for n, (name, state) in enumerate(
            [
                ("Sam Rivera", Jurisdiction.TX),
                ("Ana Ruiz", Jurisdiction.TX),
                ("Lee Park", Jurisdiction.IL),
                ("Jo March", Jurisdiction.OH),
            ]
        )
    ]
    story = stories[0]
    story.body = rich_story_body(photo, document)
    story.years_lost_known = 11
    story.related_stories = [RelatedStory(story=stories[1])]
    story.save_revision().publish()

    home.hero_action_label = "Read their stories"
    home.hero_action_page = index
    home.featured_stories = [FeaturedStory(story=s) for s in stories[:3]]
    home.save_revision().publish()

    actions = ActionIndexPageFactory(parent=home, intro="Act today.", show_in_menus=True)
    petition = PetitionPageFactory(
        parent=actions, title="Review bite-mark convictions", allow_comment=True
    )
    SignatureFactory.create_batch(3, action=petition, source_page=story)
    letter = LetterPageFactory(
        parent=actions,
        recipient_role="State Senator",
        recipient_phone="+1 555 0100",
        call_script="Say who you are and where you live.",
    )
    closed = PetitionPageFactory(
        parent=actions,
        kind=PetitionPage.Kind.PLEDGE,
        deadline=timezone.now() - timedelta(days=1),
    )
    donate = DonatePageFactory(
        parent=actions, monthly_amounts="10, 25", monthly_parameter="recurring=monthly"
    )
    GiftImpact.objects.create(page=donate, amount=25, description="pays for a records request")
    not_open = DonatePageFactory(parent=actions, donation_url="")
    sign_up = SignUpPageFactory(parent=actions, title="Volunteer with us")
    for sort_order, (label, field_type, required, choices, help_text) in enumerate(
        [
            ("Your name", "singleline", True, "", ""),
            ("Your email", "email", True, "", ""),
            ("How can you help?", "checkboxes", True, "Phone banking\nEvents", ""),
            ("Your state", "dropdown", False, "Texas\nIllinois", ""),
            ("How often?", "radio", True, "Weekly\nMonthly", ""),
            ("When can you start?", "date", False, "", ""),
            ("Anything else we should know?", "multiline", False, "", ""),
            ("Keep me posted", "checkbox", False, "", "About once a month."),
        ]
    ):
        SignUpFormFieldFactory(
            page=sign_up,
            sort_order=sort_order,
            label=label,
            field_type=field_type,
            required=required,
            choices=choices,
            help_text=help_text,
        )
    StoryRelatedAction(page=story, action=petition, sort_order=0).save()
    StoryRelatedAction(page=story, action=letter, sort_order=1).save()
    ThemeRelatedAction(page=theme, action=letter, sort_order=0).save()
    privacy = InformationPageFactory(parent=home, slug="privacy")
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings(site=site, footer_text="Run by a sample campaign.")
    navigation.footer_links = [
        FooterLink(page=privacy),
        FooterLink(url="https://example.org/press", label="Press"),
    ]
    navigation.save()
    ActionSettings.objects.create(
        site=site,
        default_action=petition,
        privacy_page=privacy,
        tax_status="The Campaign is a 501(c)(3) nonprofit.",
    )
    OrganisationSettings.objects.create(
        site=site,
        organisation_name="Sample Justice Project",
        logo=ImageFactory(title="Logo", file__width=400, file__height=120),
        contact_email="hello@example.org",
        social_links=[
            ("link", {"platform": "bluesky", "url": "https://bsky.app/profile/example.org"}),
            ("link", {"platform": "other", "url": "https://forum.example.org/", "label": "Forum"}),
        ],
        share_image=photo,
        share_text="A sample campaign to free the wrongly convicted.",
    )
    return {
        "home": home,
        "index": index,
        "story": ExonereeStoryPage.objects.get(pk=story.pk),
        "theme": theme,
        "actions": actions,
        "petition": petition,
        "letter": letter,
        "closed": closed,
        "donate": donate,
        "not_open": not_open,
        "sign_up": sign_up,
        "privacy": privacy,
    }


# What shows each page is in the state it is named after, not another.
EXPECTED = {
    "home": ["https://example.org/press", "Run by a sample campaign."],
    "story-index-filtered": ['class="story-card'],
    "story": [
        "data-embed-html",
        "<picture",
        'class="timeline"',
        "ruling",
        'class="action-block',
        'class="case-facts"',
    ],
    "theme": ['class="key-statistic"', 'class="reforms"', 'class="steps"'],
    "petition-errors": ['class="error-summary'],
    "petition-thanks": ["Thank you"],
    "pledge-closed": ["closed on"],
    "donate": ["?amount=", "Give monthly", "What your gift does", "501(c)(3)"],
    "donate-not-open": ["Donations are not open"],
    "letter-form": ["Or call them"],
    "letter-errors": ['class="error-summary'],
    "letter-ready": ["Your letter is ready"],
    "sign-up-form": ['name="when_can_you_start"', 'type="checkbox"', 'type="radio"', "<select"],
    "sign-up-errors": ['class="error-summary'],
    "sign-up-thanks": ["Thank you"],
    "search-results": ["<mark>Rivera</mark>"],
}


def rendered_pages(client, site):
    """(name, expected status, response) for each page and state to check."""
    petition, letter, sign_up = site["petition"], site["letter"], site["sign_up"]
    index_url = site["index"].url
    theme_slug = site["theme"].slug
    signer = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@example.org",
        "postcode": "10001",
        "comment": "For Sam.",
    }
    volunteer = {
        "your_name": "Ada Lovelace",
        "your_email": "ada@example.org",
        "how_can_you_help": ["Events"],
        "your_state": "Texas",
        "how_often": "Monthly",
        "when_can_you_start": "2030-01-15",
        "anything_else_we_should_know": "Weekends only.",
        "keep_me_posted": "on",
    }
    get = client.get
    return [
        ("home", 200, get(site["home"].url)),
        ("story-index", 200, get(index_url)),
        ("story-index-filtered", 200, get(f"{index_url}?theme={theme_slug}&state=TX&dna=yes")),
        ("story-index-no-match", 200, get(f"{index_url}?state=AK")),
        ("story", 200, get(site["story"].url)),
        ("theme", 200, get(site["theme"].url)),
        ("action-index", 200, get(site["actions"].url)),
        ("petition-form", 200, get(f"{petition.url}?from={site['story'].pk}")),
        ("petition-errors", 400, post_action(client, petition, {"email": "not an email"})),
        ("petition-thanks", 200, post_action(client, petition, signer, follow=True)),
        ("letter-form", 200, get(letter.url)),
        ("letter-errors", 400, post_action(client, letter, {"name": "", "message": ""})),
        (
            "letter-ready",
            200,
            post_action(
                client, letter, {"name": "Ada", "town": "Austin", "message": "Dear Senator,"}
            ),
        ),
        ("pledge-closed", 200, get(site["closed"].url)),
        ("donate", 200, get(site["donate"].url)),
        ("donate-not-open", 200, get(site["not_open"].url)),
        ("sign-up-form", 200, get(sign_up.url)),
        ("sign-up-errors", 400, post_action(client, sign_up, {"your_email": "not an email"})),
        ("sign-up-thanks", 200, post_action(client, sign_up, volunteer)),
        ("information-page", 200, get(site["privacy"].url)),
        ("search-results", 200, get("/search/?q=Rivera")),
        ("search-no-results", 200, get("/search/?q=zzzzzz")),
        ("not-found", 404, get("/no-such-page/")),
        *error_pages(),
    ]


def error_pages():
    """The 500 page, and the 503 shown when the database is away."""
    request = RequestFactory().get("/")
    pages = [("server-error", 500, server_error(request))]
    try:
        raise OperationalError("the database is away")
    except OperationalError:
        pages.append(("database-away", 503, server_error(request)))
    return pages


def test_every_public_page_is_valid_html(client, site, tmp_path):
    command = vnu_command()
    files = {}
    for name, status, response in rendered_pages(client, site):
        assert response.status_code == status, f"{name}: HTTP {response.status_code}"
        assert response["Content-Type"].startswith("text/html"), name
        missing = [text for text in EXPECTED.get(name, ()) if text not in response.text]
        assert not missing, f"{name} is not in the state it is named after: no {missing}"
        (tmp_path / f"{name}.html").write_bytes(response.content)
        files[f"{name}.html"] = name
    # The case facts and the filters opened, as a reader on a phone leaves them.
    for name in ("story", "story-index-filtered"):
        html = (tmp_path / f"{name}.html").read_text()
        assert "<details class=" in html, name
        opened = html.replace("<details class=", "<details open class=")
        (tmp_path / f"{name}-opened.html").write_text(opened)
        files[f"{name}-opened.html"] = f"{name} (opened)"

    result = subprocess.run(
        [*command, *sorted(str(tmp_path / filename) for filename in files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its JSON report to stderr, and exits 1 when it found errors.
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu gave no report (exit {result.returncode}):\n{result.stderr[-2000:]}")

    errors = {}
    for message in messages:
        if message.get("type") == "info":
            continue
        url = message.get("url", "?")
        name = files.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(describe(message))
    report = "\n".join(
        f"\n{name} ({len(found)} errors):\n" + "\n".join(found)
        for name, found in sorted(errors.items())
    )
    if errors:
        pytest.fail(
            f"Nu Html Checker errors in {len(errors)} of {len(files)} pages:{report}",
            pytrace=False,
        )
    assert len(files) == 27  # 25 pages and states, 2 of them also opened


def describe(message):
    where = f"line {message.get('lastLine', '?')}"
    extract = re.sub(r"\s+", " ", message.get("extract", "")).strip()
    return f"  {where}: {message['message']}\n      {extract}"
