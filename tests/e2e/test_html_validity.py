"""Every kind of public page is valid HTML, as the Nu Html Checker (vnu, the
W3C's validator, run offline from node_modules) sees it.

The pages are rendered by Django's test client, each in the states a visitor
can meet: action forms empty, with validation errors and after sending. The
HTML is written to files and checked in one run of vnu (a JVM start costs
seconds). No browser is needed, but Java and `npm ci` are: without them the
test fails, never skips, so CI cannot pass without checking.
"""

import pytest

from django.db import OperationalError
from django.test import RequestFactory

from campaign.views import server_error
from tests.actions.helpers import post_action
from tests.e2e.vnu import vnu_command, vnu_errors
from tests.locale_factories import translate

pytestmark = pytest.mark.django_db


# What shows each page is in the state it is named after, not another.
EXPECTED = {
    "home": ["https://example.org/press", "Run by a sample campaign.", 'class="language-switcher"'],
    "story-index-filtered": ['class="story-card'],
    "story": [
        "data-embed-html",
        "<picture",
        'class="timeline"',
        "ruling",
        'class="action-block',
        'class="case-facts"',
    ],
    "theme": [
        'class="key-statistic"',
        'class="reforms"',
        'class="steps"',
        'class="figure"',
        'role="img"',
    ],
    "numbers": ['class="figure"', 'role="img"', "<table", "<pattern"],
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
    "story-es": ['<html lang="es"', 'class="language-switcher"', 'hreflang="x-default"'],
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
        ("numbers", 200, get(site["numbers"].url)),
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
        # In Spanish, with the switcher back to English (issue 16).
        ("home-es", 200, get("/es/")),
        ("story-es", 200, get(site["story_es"].url)),
        ("not-found-es", 404, get("/es/no-existe/")),
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


@pytest.fixture
def site(settings, full_site):
    settings.ACTION_MIN_FILL_SECONDS = 0  # the forms are sent at once
    # A Spanish story (and so a Spanish home): every page shows the switcher.
    return {**full_site, "story_es": translate(full_site["story"], title="La historia")}


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
    for name in ("story", "story-index-filtered", "numbers"):
        html = (tmp_path / f"{name}.html").read_text()
        assert "<details class=" in html, name
        opened = html.replace("<details class=", "<details open class=")
        (tmp_path / f"{name}-opened.html").write_text(opened)
        files[f"{name}-opened.html"] = f"{name} (opened)"

    errors = vnu_errors(command, tmp_path, files)
    report = "\n".join(
        f"\n{name} ({len(found)} errors):\n" + "\n".join(found)
        for name, found in sorted(errors.items())
    )
    if errors:
        pytest.fail(
            f"Nu Html Checker errors in {len(errors)} of {len(files)} pages:{report}",
            pytrace=False,
        )
    assert len(files) == 32  # 29 pages and states, 3 of them also opened
