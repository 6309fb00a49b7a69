"""Processes agree: two of the Procfile's web processes on one PostgreSQL
database and one Redis cache, as two dynos would be. An editor publishes
through one; the other serves the new version on its very next request, so
nothing staff can change is cached per process."""

import pytest

from .conftest import EDITOR
from .servers import Editor, WebProcess
from .test_edge import shows

pytestmark = pytest.mark.deploy


@pytest.fixture(scope="module")
def processes(demo_site):
    environ = {**demo_site["environ"], "WEB_CONCURRENCY": "1"}
    first = WebProcess(environ)
    try:
        second = WebProcess(environ)
    except BaseException:
        first.stop()
        raise
    yield first, second
    second.stop()
    first.stop()


@pytest.fixture(scope="module")
def editor(processes, demo_site):
    """Signed in to the admin of the first process."""
    return Editor(processes[0].port, EDITOR, demo_site["password"], demo_site["backup_codes"])


def warm(processes, *paths):
    """Each path from each process until the page cache has it; the pages."""
    pages = []
    for process in processes:
        for path in paths:
            process.get(path)
            response, body = process.get(path)
            assert response.getheader("X-Cache") == "HIT", (process.port, path)
            pages.append(body)
    return pages


def test_a_page_published_through_one_process_is_served_by_the_other_at_once(
    processes, demo_site, editor
):
    story = demo_site["drafts"]["processes"]
    paths = (story["url"], demo_site["index"])
    for page in warm(processes, *paths):
        assert shows(page, story["old"])

    editor.publish(story["id"])

    for path in paths:
        response, body = processes[1].get(path)
        assert response.status == 200
        assert shows(body, story["new"]), path
        assert not shows(body, story["old"]), path


def test_a_snippet_edited_through_one_process_shows_in_the_other_at_once(
    processes, demo_site, editor
):
    factor = demo_site["factor"]
    for page in warm(processes, factor["shown_on"]):
        assert factor["name"].encode() in page

    response, _ = editor.submit(
        f"/admin/snippets/stories/contributingfactor/edit/{factor['id']}/", name="Renamed factor"
    )

    assert response.status == 302
    _, page = processes[1].get(factor["shown_on"])
    assert b"Renamed factor" in page
