"""Pages built once for a module of browser tests (see tests/e2e/conftest.py)."""

from contextlib import contextmanager

from django.core.management import call_command
from django.db import connection


def put_back_what_migrations_made():
    """Load the rows the migrations made (the home page, the site, groups,
    permissions...), as a serialized-rollback test does before it starts."""
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        # No transactional test was collected, so nothing has emptied the
        # database yet: what it holds now is what the migrations made.
        contents = connection._test_serialized_contents = (
            connection.creation.serialize_db_to_string()
        )
    connection.creation.deserialize_db_from_string(contents)


@contextmanager
def built_for_the_module(django_db_blocker):
    """Commit what the block builds, for the live server's own connection to
    read; after the module, empty the database and put back what the
    migrations made, as a transactional test does after itself."""
    with django_db_blocker.unblock():
        # A transactional test before this one leaves the database empty.
        put_back_what_migrations_made()
        try:
            yield
        finally:
            # As TransactionTestCase flushes: the sequences carry on, so no
            # new row takes the id of one put back.
            call_command(
                "flush",
                interactive=False,
                verbosity=0,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            put_back_what_migrations_made()
