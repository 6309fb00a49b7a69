"""Data built once for the tests of a module or class, instead of once per test.

Building pages costs a test most of its time (each save updates the tree, the
search index and the reference index), and most tests only read what they
build. A fixture of module or class scope builds the pages inside
`built_once`; each test still runs in its own savepoint inside that
transaction (pytest-django's `django_db` mark, never `transaction=True`), so
whatever a test writes is rolled back before the next test, and the shared
data is rolled back after the last one.

A test must not change the shared Python objects: fixtures hand out fresh
copies (`fresh`) where a test might, e.g. by adding a child page to one.
"""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def built_once(django_db_blocker):
    """A transaction for data several tests share, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


def fresh(instance):
    """The same row, read again: a copy a test may change in memory."""
    return type(instance)._default_manager.get(pk=instance.pk)
