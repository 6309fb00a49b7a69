"""Wagtail's database search backend, with a page of results counting every
match in the query that ranks them.

On PostgreSQL, a page of search results costs Wagtail's backend two passes
over every match: one query counts them (for "N results" and the links to
further pages) and another ranks them all to choose the page. For a word
that every story contains, each pass reads and ranks thousands of index
entries. Here the ranking query also counts, with a window function over the
same matches, and the page's results say how many there are in all
(`total`). Other databases get Wagtail's backend as it is.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "core.search"}}
"""

from django.db import connection
from django.db.models import Count, Window

from wagtail.search.backends.database import SearchBackend as database_backend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchResults,
)

TOTAL = "search_total"


class CountingResults(PostgresSearchResults):
    # Every match's count, once a page of results has been read (None before,
    # and when the page is past the last match).
    total = None

    def get_queryset(self):
        return super().get_queryset().annotate(**{TOTAL: Window(Count("pk"))})

    def _do_search(self):
        results = super()._do_search()
        if results:
            self.total = getattr(results[0], TOTAL)
        return results

    def _do_count(self):
        # Counting alone needs no window.
        return super().get_queryset().count()


class CountingPostgresSearchBackend(PostgresSearchBackend):
    results_class = CountingResults


def SearchBackend(params):  # the name Wagtail looks for in a backend's module
    if connection.vendor == "postgresql":
        return CountingPostgresSearchBackend(params)
    return database_backend(params)
