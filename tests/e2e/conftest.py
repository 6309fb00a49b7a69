"""A site built once for a module of browser tests that only read it.

pytest-django's `live_server` makes every test that uses it transactional: the
database is emptied after each test and what the migrations made is loaded
back before the next, and each test builds its pages again. On PostgreSQL
that costs seconds a test. Modules whose tests only look at pages use `server`
(a live server of their own, which pytest-django does not tie to a
transaction) and build their pages once, in a module fixture, inside
`built_for_the_module` (tests/e2e/shared_site.py). Their tests are marked
`django_db`, not transactional. A test that sends a form which stores
something keeps `live_server`.
"""

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.e2e.csp import watch_csp


@pytest.fixture(scope="session")
def server(django_db_setup):
    """A live server like pytest-django's (it shares SQLite's in-memory
    database with the tests, as that one does). localhost is in the test
    settings' ALLOWED_HOSTS already."""
    live = LiveServer("localhost")
    yield live
    live.stop()


@pytest.fixture
def forms_may_be_sent_at_once(settings):
    """For tests that send action forms: the live server runs in this
    process, so the setting applies to it, and a browser fills a form faster
    than any person."""
    settings.ACTION_MIN_FILL_SECONDS = 0


@pytest.fixture
def context(context):
    """pytest-playwright's browser context, failing the test that used it if
    any page refused something under its Content-Security-Policy."""
    violations = watch_csp(context)
    yield context
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)
