"""Importing stories in the admin, as staff see it in a browser: the upload
lands on the import's page with its progress bar, which turns into the result
without a reload when JavaScript runs, and through the Refresh link when it
doesn't. The worker's import thread runs beside the live server."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from core.models import ImportJob
from stories.models import ExonereeStoryPage
from tests.e2e.admin.staff import PASSWORD, TIMEOUT, code_for
from tests.e2e.axe import WCAG_22_AA
from tests.e2e.csp import watch_csp
from tests.imports import WorkerThread
from tests.stories.import_rows import story_file

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROWS = 60


@pytest.fixture
def stories_csv(tmp_path):
    path = tmp_path / "stories.csv"
    path.write_bytes(story_file(ROWS))
    return path


def upload(tab, live_server, path):
    tab.goto(live_server.url + "/admin/stories/import/")
    tab.get_by_label("CSV file").set_input_files(path)
    tab.get_by_role("button", name="Import").click()
    expect(tab).to_have_url(
        live_server.url + f"/admin/imports/{ImportJob.objects.get().pk}/", timeout=TIMEOUT
    )


def assert_accessible(tab):
    results = Axe().run(
        tab,
        context={"include": ["main"]},
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}},
    )
    assert results.violations_count == 0, results.generate_report()


def test_the_bar_turns_into_the_result_without_a_reload(
    log_in, live_server, index, editor, stories_csv
):
    tab = log_in("editor")
    upload(tab, live_server, stories_csv)
    progress = tab.locator("progress")
    expect(progress).to_be_visible()
    expect(tab.locator("[data-import-text]")).to_have_text(
        "Waiting for the worker to start the import…"
    )
    expect(tab.get_by_role("link", name="Refresh")).to_be_hidden()  # the script polls instead
    assert_accessible(tab)
    tab.evaluate("window.notReloaded = true")

    with WorkerThread():
        expect(tab.get_by_role("heading", name="Finished")).to_be_visible(timeout=120_000)

    assert tab.evaluate("window.notReloaded") is True
    expect(progress).to_have_count(0)
    announced = tab.locator("[data-import-announce]")
    expect(announced).to_have_attribute("role", "status")
    expect(announced).to_have_text(f"Import done: {ROWS} created, 0 updated (drafts).")
    expect(tab.get_by_text(f"{ROWS} created, 0 updated (drafts).", exact=True)).to_be_visible()
    expect(tab.get_by_role("link", name="See the imported stories")).to_be_visible()
    assert ExonereeStoryPage.objects.count() == ROWS
    assert_accessible(tab)


def test_without_javascript_the_refresh_link_reaches_the_result(
    browser, live_server, index, editor, stories_csv
):
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(TIMEOUT)
    violations = watch_csp(context)
    tab = context.new_page()
    tab.goto(live_server.url + "/admin/login/")
    tab.get_by_label("Username").fill("editor")
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.get_by_label("Code from your app").fill(code_for("editor"))
    tab.get_by_role("button", name="Continue").click()
    expect(tab).to_have_url(live_server.url + "/admin/", timeout=TIMEOUT)

    upload(tab, live_server, stories_csv)
    expect(tab.locator("progress")).to_be_visible()
    # axe runs in the page, which runs no script here: the test above checks both states.
    finished = tab.get_by_role("heading", name="Finished")
    with WorkerThread():
        # What a reader without JavaScript does: press Refresh until it's done.
        # (On the tests' in-memory SQLite, a page read while the worker writes
        # may answer 503, "try again": the reader reloads.)
        for _ in range(120):
            refresh = tab.get_by_role("link", name="Refresh")
            refresh.click() if refresh.count() else tab.reload()
            if finished.count():
                break
            tab.wait_for_timeout(1000)

    expect(tab.get_by_role("heading", name="Finished")).to_be_visible()
    expect(tab.get_by_text(f"{ROWS} created, 0 updated (drafts).", exact=True)).to_be_visible()
    expect(tab.locator("progress")).to_have_count(0)
    context.close()
    assert violations == [], violations
