import os

import pytest

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.test import Client
from django.utils import translation

from bench.demo_site import free_port
from home.models import HomePage
from tests.admin import sign_in
from tests.deploy.stack import (  # noqa: F401 (fixtures of tests/deploy and tests/faults)
    collected_static,
    demo_database,
    released_database,
)
from tests.full_site import build_full_site

# Playwright's sync API keeps an event loop running in the main thread, which
# makes Django refuse database access from tests that use it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Headless, as root, and without Chromium's calls to outside services (this
# network has none, and a test must not depend on them).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run browser tests last. Their transactional tests flush the database
    (it is restored at the start of the next one, not after), so a plain test
    that pytest's parameter grouping moved after them would find it empty."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.access(CHROMIUM, os.X_OK):
        # A missing browser is a failure, never a skip: CI must run these.
        pytest.fail(
            f"Browser tests need Chromium at {CHROMIUM}: install it "
            "(sudo apt-get install chromium) or set CHROMIUM_PATH."
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def django_db_setup(playwright, django_db_setup):
    """Create the test database only once Playwright is running.

    Browser tests use `live_server`, whose transactional tests flush the
    database and restore the pages and site made by migrations through
    serialized rollback. That restore silently does nothing when a plain
    database test created the database before Playwright started.
    """
    return django_db_setup


@pytest.fixture(autouse=True)
def default_language():
    """Start each test in the site's default language: a request to a Spanish
    address leaves Spanish active in the thread (LocaleMiddleware activates
    the address's language and nothing deactivates it after the response)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Start each test with an empty cache: in CI it is a Redis server that
    outlives the test (Wagtail caches site root paths there, for one)."""
    cache.clear()


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's (a client of its own, beside `client`), signed in as
    staff are: with a second factor too."""
    client = Client()
    sign_in(client, admin_user)
    return client


@pytest.fixture
def home(db):
    """The home page the migrations made, as on a fresh site."""
    return HomePage.objects.get()


@pytest.fixture
def full_site(db):
    """Every kind of page and block, filled as staff would (tests/full_site.py)."""
    return build_full_site()


@pytest.fixture
def unreachable_database(django_db_blocker):
    """Point the default connection at a database that does not exist.

    A real connection attempt fails, as it does when PostgreSQL is down or
    restarting. The open connection is set aside, not closed, because closing
    SQLite's in-memory test database would destroy it.
    """
    connection = connections["default"]
    saved_settings = connection.settings_dict.copy()
    with django_db_blocker.unblock():
        saved_connection, connection.connection = connection.connection, None
        if connection.vendor == "sqlite":
            connection.settings_dict["NAME"] = "/nonexistent/folder/campaign.sqlite3"
        else:
            connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved_settings)
            connection.connection = saved_connection
