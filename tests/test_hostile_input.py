"""A corpus of hostile values, sent to every public query parameter, every
action form field and the admin's story import (and the Registry import:
tests/registry/test_hostile_import.py). Whatever arrives: no 5xx, the value
never comes back unescaped, no header is injected, and nothing is stored but
what was sent (a form either stores the value as typed, or is refused with a
4xx and stores nothing).

The site is built once for the module (tests/shared.py); each value is one
request, so a failure names the value and where it went."""

import csv
import io
import json
from urllib.parse import quote

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from actions.models import LetterCompletion, Signature, SignUpSubmission
from home.models import HomePage
from stories.models import ExonereeStoryPage
from tests.actions.helpers import shown
from tests.admin import sign_in, superuser
from tests.factories import (
    ActionIndexPageFactory,
    DonatePageFactory,
    LetterPageFactory,
    PetitionPageFactory,
    stories_to_filter,
    volunteer_page,
)
from tests.shared import built_once, fresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("render_cache")]

HOSTILE = [
    "x" * 5000,  # overlong
    "a\x00b",  # NUL
    "9223372036854775808",  # 2**63, past a database integer
    "-9223372036854775809",
    "99999999999999999999999999999999999999",
    "-1",
    "0",
    "1e309",
    "NaN",
    "\u202eevil\u202c",  # right-to-left override
    "zero\u200bwidth\ufeff",
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "' OR '1'='1' --",
    "1; DROP TABLE actions_signature; --",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "a\r\nSet-Cookie: hacked=1",
    "{{ 7|add:7 }}{% debug %}",
    '=HYPERLINK("http://evil.example")',
    "🕊" * 300,
]
# Already percent-encoded: invalid UTF-8, a lone surrogate, broken escapes, a NUL.
RAW_QUERY_VALUES = ["%ff%fe%fd", "%ED%A0%80", "%", "%zz", "%00", "%C0%AF"]
# Text that would be dangerous if it came back as it was sent.
DANGEROUS = [value for value in HOSTILE if any(c in value for c in "<>\"'")]


def query_strings(name):
    """Every way the corpus reaches parameter `name`: each value, each raw
    encoding, as an array (`name[]=`) and repeated."""
    for value in HOSTILE:
        yield value, f"{name}={quote(value)}"
    for raw in RAW_QUERY_VALUES:
        yield raw, f"{name}={raw}"
    yield "array", f"{quote(name)}[]=1&{quote(name)}[]=2"
    yield "repeated", f"{name}=1&{name}={quote(HOSTILE[11])}&{name}=-1"


def problems_in(response, value):
    """What is wrong with `response` to a request carrying `value`."""
    problems = []
    if response.status_code >= 500:
        problems.append(f"answered {response.status_code}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    if value in DANGEROUS and value in text:
        problems.append("the value came back unescaped")
    for header, content in response.items():
        if "\n" in content or "\r" in content or "hacked" in content:
            problems.append(f"header {header} was injected")
    if "hacked" in response.cookies:
        problems.append("a cookie was injected")
    return problems


@pytest.fixture
def render_cache(settings):
    # What production reuses between requests (core.rendercache), so that
    # hundreds of renders stay fast; each test starts with an empty cache.
    settings.RENDER_CACHE_ENABLED = True


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        home = HomePage.objects.get()
        story = stories_to_filter(home)
        actions = ActionIndexPageFactory(parent=home)
        petition = PetitionPageFactory(parent=actions, allow_comment=True)
        yield {
            "story": story,
            "index": story.get_parent(),
            "theme": story.factors.first().theme,
            "petition": petition,
            "letter": LetterPageFactory(parent=actions),
            "volunteer": volunteer_page(actions),
            "donate": DonatePageFactory(parent=actions),
        }


# Every public address and the query parameters it reads (or should ignore).
PUBLIC = [
    ("index", ["q", "theme", "factor", "state", "dna", "decade", "sort", "page", "p"]),
    ("/search/", ["q", "page", "p"]),
    ("/stories/feed/", ["page", "q"]),
    ("/sitemap.xml", ["p", "page"]),
    ("/stories.json", ["page", "q", "format"]),
    ("/stories.csv", ["page", "q", "format"]),
    ("story", ["from", "page"]),
    ("theme", ["page", "sort"]),
    ("petition", ["from", "amount"]),
    ("donate", ["from", "amount"]),
    ("/", ["q", "from"]),
]


@pytest.mark.parametrize(
    ("where", "name"), [(where, name) for where, names in PUBLIC for name in names]
)
def test_every_public_query_parameter_takes_the_corpus(client, site, where, name):
    path = fresh(site[where]).url if where in site else where
    failures = []
    for value, query in query_strings(name):
        response = client.get(path, QUERY_STRING=query)
        failures += [f"{value[:40]!r}: {problem}" for problem in problems_in(response, value)]
    assert not failures, f"{path}?{name}=…\n" + "\n".join(failures)


PETITION = {
    "first_name": "Ana",
    "last_name": "Ruiz",
    "email": "ana@example.org",
    "postcode": "10001",
    "comment": "",
    "opt_in": "on",
    "source": "",
}
LETTER = {"name": "Ana Ruiz", "town": "Austin", "message": "Dear Senator, act now."}
VOLUNTEER = {
    "your_name": "Ana Ruiz",
    "your_email": "ana@example.org",
    "how_can_you_help": "Events",
    "your_state": "Texas",
    "how_often": "Weekly",
    "when_can_you_start": "",
    "anything_else_we_should_know": "",
    "keep_me_posted": "",
}
ENVELOPE = ["fax", "shown"]
FREE_TEXT = ["comment", "anything_else_we_should_know"]


def stored(kind, page):
    """The rows a form of `kind` stores, for comparing before and after."""
    if kind == "petition":
        return list(Signature.objects.filter(action=page).values())
    if kind == "volunteer":
        return list(SignUpSubmission.objects.filter(page=page).values("form_data"))
    return list(LetterCompletion.objects.filter(action=page).values("pk"))


def stored_as_sent(kind, name, value, new_rows):
    """Whether the one new row holds `value` in `name` as sent (Django trims
    the spaces around a text answer, as it does for every form)."""
    if kind == "letter" or name in ENVELOPE or name in ("opt_in", "source", "keep_me_posted"):
        return True  # a letter is never kept; these fields store no text
    (row,) = new_rows
    kept = row["form_data"][name] if kind == "volunteer" else row[name]
    return kept == value.strip() or (name.endswith("email") and kept == value.strip().lower())


FORMS = [
    ("petition", PETITION),
    ("letter", LETTER),
    ("volunteer", VOLUNTEER),
]


@override_settings(ACTION_RATE_LIMIT=1_000_000)
@pytest.mark.parametrize(
    ("kind", "name"),
    [(kind, name) for kind, fields in FORMS for name in [*fields, *ENVELOPE]],
)
def test_every_action_form_field_takes_the_corpus(client, site, kind, name):
    page = fresh(site[kind])
    good = dict(FORMS)[kind]
    failures, accepted = [], 0
    for number, value in enumerate(HOSTILE):
        data = {**good, "fax": "", "shown": shown(page), name: value}
        # A new address each time, so that a repeat is never why nothing was stored.
        for field in ("email", "your_email"):
            if field in data and field != name:
                data[field] = f"supporter{number}@example.org"
        before = stored(kind, page)
        response = client.post(page.submit_url, data, headers={"Sec-Fetch-Site": "same-origin"})
        new_rows = [row for row in stored(kind, page) if row not in before]
        problems = problems_in(response, value)
        if 400 <= response.status_code < 500 and new_rows:
            problems.append(f"refused with {response.status_code} but stored")
        elif new_rows and not stored_as_sent(kind, name, value, new_rows):
            problems.append(f"stored something else: {new_rows}")
        accepted += len(new_rows)
        failures += [f"{value[:40]!r}: {problem}" for problem in problems]
    assert not failures, f"{kind} {name}\n" + "\n".join(failures)
    if name in FREE_TEXT:
        # Free text takes nearly all of it (not NUL, not 5,000 characters):
        # the check above compared what was stored.
        assert accepted >= len(HOSTILE) - 3, accepted


@override_settings(ACTION_RATE_LIMIT=1_000_000)
@pytest.mark.parametrize("kind", [kind for kind, _fields in FORMS])
def test_every_action_form_takes_broken_encodings_arrays_and_repeats(client, site, kind):
    """Bodies no form sends: invalid UTF-8 or broken escapes in every field,
    fields as arrays (`name[]=`), and each field repeated."""
    page = fresh(site[kind])
    names = list(dict(FORMS)[kind])
    bodies = ["&".join(f"{quote(name)}={raw}" for name in names) for raw in RAW_QUERY_VALUES] + [
        "&".join(f"{quote(name)}[]=a&{quote(name)}[]=b" for name in names),
        "&".join(f"{quote(name)}=a&{quote(name)}={quote(HOSTILE[11])}" for name in names),
    ]
    failures = []
    for body in bodies:
        before = stored(kind, page)
        response = client.post(
            page.submit_url,
            f"fax=&shown={quote(shown(page))}&{body}",
            content_type="application/x-www-form-urlencoded",
            headers={"Sec-Fetch-Site": "same-origin"},
        )
        new_rows = [row for row in stored(kind, page) if row not in before]
        problems = problems_in(response, HOSTILE[11])
        if response.status_code >= 400 and new_rows:
            problems.append(f"refused with {response.status_code} but stored")
        if "\\u0000" in json.dumps(new_rows, default=str):
            problems.append("stored a NUL")
        failures += [f"{body[:60]!r}: {problem}" for problem in problems]
    assert not failures, kind + "\n" + "\n".join(failures)


def test_a_donation_page_takes_no_post(client, site):
    page = fresh(site["donate"])
    for value in HOSTILE[:5]:
        response = client.post(
            page.submit_url, {"amount": value}, headers={"Sec-Fetch-Site": "same-origin"}
        )
        assert 400 <= response.status_code < 500


# The admin's story import. Text columns may take what they're given; typed
# columns (a state, years, factors, a basis, the slug, the body) must refuse
# or read it. Each value goes into every column of a kind at once: an import
# checks every cell of a row and quotes each one it refuses.
TEXT_COLUMNS = ["person_name", "title", "summary", "county", "crimes_charged", "sentence"]
TYPED_COLUMNS = [
    "slug",
    "state",
    "crime_year",
    "conviction_year",
    "exoneration_year",
    "factors",
    "basis",
    "body",
]
GOOD_STORY = {
    "slug": "marcus-reed",
    "person_name": "Marcus Reed",
    "summary": "Convicted on one mistaken identification.",
    "state": "TX",
    "county": "Harris County",
    "crimes_charged": "Robbery",
    "sentence": "25 years",
    "crime_year": "1994",
    "conviction_year": "1995",
    "exoneration_year": "2006",
    "factors": "mistaken-witness-identification",
    "basis": "innocent",
}


def csv_file(row, name="stories.csv"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8", errors="surrogatepass"))


@pytest.fixture
def staff(client, django_user_model, site):
    return sign_in(client, superuser(django_user_model))


@pytest.mark.parametrize("columns", [TEXT_COLUMNS, TYPED_COLUMNS], ids=["text", "typed"])
def test_every_column_of_the_admin_import_takes_the_corpus(staff, columns):
    failures = []
    for value in HOSTILE:
        before = set(ExonereeStoryPage.objects.values_list("pk", flat=True))
        row = {**GOOD_STORY, **dict.fromkeys(columns, value)}
        response = staff.post("/admin/stories/import/", {"file": csv_file(row)})
        new = ExonereeStoryPage.objects.exclude(pk__in=before)
        problems = problems_in(response, value)
        if response.status_code >= 400 and new.exists():
            problems.append(f"refused with {response.status_code} but stored")
        elif new.exists():
            story = new.get()
            problems += [
                f"{column} stored as {getattr(story, column)[:40]!r}"
                for column in columns
                if column in TEXT_COLUMNS and getattr(story, column) != value.strip()
            ]
        failures += [f"{value[:40]!r}: {problem}" for problem in problems]
        new.delete()
    assert not failures, f"import columns {columns}\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("stories.csv", b"slug,person_name\n\xff\xfe\x00bad,\x00\n"),
        ("stories.csv", b"\x00" * 1000),
        ("stories.csv", b""),
        ("stories.csv", b"slug\n" + b"a," * 100_000),
        ("stories.csv", b'slug,person_name\n"unterminated,Ana\n'),
        ("../../etc/passwd.csv", b"slug\nx\n"),
        ("stories.xlsx", b"PK\x03\x04 not really a workbook"),
        ("stories.csv", b"slug,person_name\n<script>alert(1)</script>,Ana\n"),
    ],
)
def test_a_hostile_import_file_is_refused_cleanly(staff, name, content):
    response = staff.post("/admin/stories/import/", {"file": SimpleUploadedFile(name, content)})
    assert 400 <= response.status_code < 500
    assert "<script>alert(1)</script>" not in response.content.decode(errors="replace")
    assert not ExonereeStoryPage.objects.filter(slug__contains="script").exists()
    assert ExonereeStoryPage.objects.count() == 2  # the shared site's, untouched
