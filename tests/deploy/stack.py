"""The production-stack tests' builds, done once for the session and shared by
tests/deploy and tests/faults: the static files, a database released by the
Procfile from nothing, and one with the demo content on top. Tests never use
these databases: they use copies (each its own), since migrating and loading
the demo content take most of a minute each time.

tests/conftest.py imports these fixtures so that both folders see the same
ones: a fixture imported into each folder's conftest would be built twice."""

import pytest

from bench.demo_site import procfile

from .servers import SERVER_URL, manage, postgres_database, production_environ, run


@pytest.fixture(scope="session")
def collected_static():
    """The build step a buildpack runs, once for every deploy test."""
    manage(production_environ(SERVER_URL), "collectstatic", "--noinput", "-v0")


@pytest.fixture(scope="session")
def released_database(collected_static):
    """The name of a database on which the Procfile's release command ran
    when it was empty, as on a first deploy (built after the static files, as
    a PaaS releases a build). A template: copy it with postgres_database."""
    with postgres_database("released") as database_url:
        environ = production_environ(database_url)
        # What the smoke test proves: the release command exits 0 on an empty
        # database (run asserts it), leaving no migration to apply (migrate
        # --check exits non-zero if one is left, and manage asserts it).
        run(procfile()["release"], environ)
        manage(environ, "migrate", "--check", "--noinput", "-v0")
        yield "released"


@pytest.fixture(scope="session")
def demo_database(released_database):
    """The name of a copy of the released database with the demo content
    loaded (its portraits in the media folder: no bucket). A template, like
    the released database."""
    with postgres_database("demo_content", template=released_database) as database_url:
        environ = production_environ(database_url)
        del environ["AWS_STORAGE_BUCKET_NAME"]
        manage(environ, "load_demo_content")
        yield "demo_content"
