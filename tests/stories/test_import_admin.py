import re
from pathlib import Path

import pytest

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import GroupPagePermission

from home.models import HomePage
from stories.importing import COLUMN_REFERENCE
from stories.models import ContributingFactor, ExonereeStoryPage
from tests.admin import editor, sign_in
from tests.factories import StoryIndexPageFactory
from tests.stories.test_import import csv_text, story

pytestmark = pytest.mark.django_db

URL = "/admin/stories/import/"
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def staff(client, django_user_model):
    StoryIndexPageFactory(parent=HomePage.objects.get())
    user = editor(django_user_model)
    assert GroupPagePermission.objects.filter(group=Group.objects.get(name="Editors")).exists()
    sign_in(client, user)
    return client


def upload(client, rows, **data):
    content = rows if isinstance(rows, bytes) else csv_text(rows).encode()
    return client.post(URL, {"file": SimpleUploadedFile("stories.csv", content), **data})


def test_staff_reach_the_import_screen_from_the_menu(staff):
    assert "Import stories" in staff.get("/admin/").content.decode()  # the sidebar's menu data
    response = staff.get(URL)
    assert response.status_code == 200
    assert "Only check the file" in response.content.decode()


def test_a_good_file_creates_drafts_and_says_so(staff):
    response = upload(staff, [story(), story(slug="ana-ortiz", person_name="Ana Ortiz")])

    assert response.status_code == 302
    assert ExonereeStoryPage.objects.count() == 2
    assert not ExonereeStoryPage.objects.filter(live=True).exists()
    page = staff.get(response.url).content.decode()
    assert "Import finished: 2 created, 0 updated (drafts)." in page


def test_bad_rows_are_listed_by_line_and_nothing_is_written(staff):
    response = upload(
        staff, [story(), story(slug="b", exoneration_year="1990"), story(slug="c", state="ZZ")]
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "line 3: exoneration_year" in page
    assert "line 4: state" in page
    assert not ExonereeStoryPage.objects.exists()


def test_checking_only_writes_nothing(staff):
    response = upload(staff, [story()], check_only="on")

    assert response.status_code == 200
    assert "would create" in response.content.decode()
    assert not ExonereeStoryPage.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("stories.xlsx", b"PK\x03\x04", "File extension"),
        ("stories.csv", "\ufeffslug;name\n".encode("utf-16"), "UTF-8"),
    ],
)
def test_a_file_that_is_not_a_csv_is_refused_with_a_message(staff, name, content, message):
    response = staff.post(URL, {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ExonereeStoryPage.objects.exists()


def test_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/sign-in/" in response.url


def test_the_import_screen_has_the_admins_header_and_the_column_reference(staff):
    html = staff.get(URL).content.decode()

    assert "<title>Import stories - " in html
    # The admin's header: the page's one heading, after Home in the breadcrumbs.
    assert re.findall(r"<h1[^>]*>\s*(.*?)\s*</h1>", html, re.S) == ["Import stories"]
    assert "docs/import.md" not in html  # staff can't open it: the reference is here
    for column in COLUMN_REFERENCE:
        assert f"<code>{column.name}</code>" in html
    assert (
        "The year of the crime, four digits, e.g. <code>1994</code>." in html
    )  # backticks shown as code
    assert "when <code>state</code> is <code>OTHER</code>" in html
    for factor in ContributingFactor.objects.all():
        assert f"<code>{factor.slug}</code>" in html
    assert "<code>innocent</code>" in html and "<code>not_sought</code>" in html


def documented_columns():
    """The rows of the Columns table in docs/import.md: (name, required, help)."""
    section = (DOCS / "import.md").read_text().split("## Columns", 1)[1].split("\n#", 1)[0]
    return [
        tuple(cell.strip() for cell in line.strip().strip("|").split(" | "))
        for line in section.splitlines()
        if line.startswith("| `")
    ]


def test_the_import_guide_lists_the_columns_the_importer_defines():
    assert documented_columns() == [
        (f"`{column.name}`", column.required, column.help) for column in COLUMN_REFERENCE
    ]
