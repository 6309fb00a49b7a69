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


def test_a_page_published_through_one_process_is_served_by_the_other_at_once(processes, demo_site):
    first, second = processes
    story = demo_site["drafts"]["processes"]
    paths = (story["url"], demo_site["index"])
    for process in processes:
        for path in paths:
            process.get(path)
            response, body = process.get(path)
            assert response.getheader("X-Cache") == "HIT", (process.port, path)
            assert shows(body, story["old"])

    Editor(first.port, EDITOR, demo_site["password"]).publish(story["id"])

    for path in paths:
        response, body = second.get(path)
        assert response.status == 200
        assert shows(body, story["new"]), path
        assert not shows(body, story["old"]), path
