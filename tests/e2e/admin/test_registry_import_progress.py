"""Importing the Registry's download in the admin, as a moderator sees it in
a browser: the upload lands on the import's page, whose bar turns into the
result without a reload (the same page as a story import's: see
test_import_progress.py, which also follows it without JavaScript)."""

import pytest
from playwright.sync_api import expect

from core.models import ImportJob
from registry.models import CaseRecord
from tests.e2e.admin.staff import TIMEOUT
from tests.e2e.admin.test_import_progress import assert_accessible
from tests.imports import WorkerThread
from tests.registry.files import registry_rows, write_xlsx

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROWS = 500


def test_a_registry_download_is_imported_with_its_progress_shown(
    log_in, live_server, moderator, tmp_path
):
    rows = registry_rows(ROWS)
    rows[9]["Age"] = "unknown"
    path = write_xlsx(tmp_path / "registry.xlsx", rows)
    tab = log_in("moderator")
    tab.goto(live_server.url + "/admin/case_records/import/")
    tab.get_by_label("The Registry's download").set_input_files(path)
    tab.get_by_role("button", name="Import").click()
    expect(tab).to_have_url(
        live_server.url + f"/admin/imports/{ImportJob.objects.get().pk}/", timeout=TIMEOUT
    )
    expect(tab.locator("progress")).to_be_visible()
    tab.evaluate("window.notReloaded = true")

    with WorkerThread():
        expect(tab.get_by_role("heading", name="Finished")).to_be_visible(timeout=120_000)

    assert tab.evaluate("window.notReloaded") is True
    expect(tab.get_by_text(f"{ROWS - 1} created", exact=False).first).to_be_visible()
    expect(tab.get_by_text("Age should be a number, not “unknown”.", exact=False)).to_be_visible()
    assert CaseRecord.objects.count() == ROWS - 1
    assert_accessible(tab)
