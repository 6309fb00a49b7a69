import re
from pathlib import Path

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import GroupPagePermission

from core.models import ImportJob
from home.models import HomePage
from stories.importing import COLUMN_REFERENCE
from stories.models import ContributingFactor, ExonereeStoryPage
from tests.admin import editor, sign_in
from tests.factories import StoryIndexPageFactory
from tests.imports import run_imports
from tests.stories.import_rows import csv_text, story

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


def test_a_good_file_is_imported_by_the_worker_and_its_page_shows_the_result(staff):
    response = upload(staff, [story(), story(slug="ana-ortiz", person_name="Ana Ortiz")])

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == f"/admin/imports/{job.pk}/"
    assert not ExonereeStoryPage.objects.exists()  # the request only stored the file
    assert job.status == ImportJob.Status.WAITING and bytes(job.upload).startswith(b"slug,")
    assert "Waiting for the worker" in staff.get(response.url).content.decode()

    run_imports()

    assert ExonereeStoryPage.objects.count() == 2
    assert not ExonereeStoryPage.objects.filter(live=True).exists()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.upload is None  # the file is gone
    assert job.counts == {"created": 2, "updated": 0, "unchanged": 0}
    assert (job.rows_done, job.total_rows) == (2, 2)
    page = staff.get(response.url).content.decode()
    assert "2 created, 0 updated (drafts)." in page
    assert "See the imported stories" in page and "/admin/stories/" in page
    assert "stories.csv" in staff.get("/admin/imports/").content.decode()


def test_bad_rows_are_listed_by_line_and_nothing_is_written(staff):
    response = upload(
        staff, [story(), story(slug="b", exoneration_year="1990"), story(slug="c", state="ZZ")]
    )
    run_imports()

    page = staff.get(response.url).content.decode()
    assert "Finished with 2 problems" in page and "Nothing was imported" in page
    assert re.search(r"<td>3</td>\s*<td>exoneration_year: ", page)
    assert re.search(r"<td>4</td>\s*<td>state: ", page)
    assert not ExonereeStoryPage.objects.exists()
    assert "See the imported" not in page


def test_checking_only_writes_nothing(staff):
    response = upload(staff, [story()], check_only="on")
    run_imports()

    page = staff.get(response.url).content.decode()
    assert "Dry run, nothing written: 1 would be created" in page
    assert "only checked: nothing saved" in page and "See the imported" not in page
    assert not ExonereeStoryPage.objects.exists()


def test_the_page_polls_a_status_that_gives_the_outcome_once_done(staff):
    job_url = upload(staff, [story()]).url
    status = staff.get(f"{job_url}status/").json()
    assert status["finished"] is False and status["outcome_html"] is None
    assert status["text"].startswith("Waiting for the worker")
    assert 'src="/static/js/import-progress.js"' in staff.get(job_url).content.decode()

    run_imports()

    status = staff.get(f"{job_url}status/").json()
    assert status["finished"] is True and status["fraction"] == 1.0
    assert "1 created, 0 updated (drafts)." in status["outcome_html"]


def test_staff_who_cannot_add_stories_cannot_import_or_see_imports(
    staff, client, django_user_model
):
    job_url = upload(staff, [story()]).url
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, outsider)

    refused = client.get(URL)
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's "no permission"
    assert "Import stories" not in client.get("/admin/").content.decode()
    assert client.get(job_url).status_code == 404
    assert client.get(f"{job_url}status/").status_code == 404
    assert client.get("/admin/imports/").status_code == 404
    assert "/admin/imports/" not in client.get("/admin/").content.decode()


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
    assert not ImportJob.objects.exists()


def test_a_file_whose_header_is_wrong_is_refused_before_anything_is_queued(staff):
    response = upload(staff, b"slug,name,colour\nmarcus-reed,Marcus,red\n")

    assert response.status_code == 400
    assert "Unknown column “name”, “colour”" in response.content.decode()
    assert not ImportJob.objects.exists()


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
