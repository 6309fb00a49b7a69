"""Wagtail's database search backend, with a page of results counting every
match in the query that ranks them.

On PostgreSQL, a page of search results costs Wagtail's backend two passes
over every match: one query counts them (for "N results" and the links to
further pages) and another ranks them all to choose the page. For a word
that every story contains, each pass reads and ranks thousands of index
entries. Here the ranking query also counts, with a window function over the
same matches, and the page's results say how many there are in all
(`total`). Other databases get Wagtail's backend as it is.

Each language is stemmed as it is written (issue 16): a Spanish page is
indexed with PostgreSQL's "spanish" text search configuration, and a search
made in Spanish (under /es/) is stemmed the same way, so that "condenado"
finds "condenados". SEARCH_CONFIGS names the configuration of each language
code; a language not named gets PostgreSQL's default.

    WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "core.search",
        "SEARCH_CONFIGS": {"en": "english", "es": "spanish"},
    }}
"""

import copy
from collections import defaultdict

from django.db import connection
from django.db.models import Count, Window
from django.utils.translation import get_language

from wagtail.models import Locale
from wagtail.search.backends.database import SearchBackend as database_backend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
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


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        # The language the visitor reads, as LocaleMiddleware set it from the path.
        return backend.config_for(get_language())


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index each object with its own language's configuration: objects
        with a locale (pages, translatable snippets) grouped by it, in one
        query more for the locales' codes."""
        objs = list(objs)
        if not any(hasattr(obj, "locale_id") for obj in objs):
            return super().add_items(model, objs)
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        by_language = defaultdict(list)
        for obj in objs:
            by_language[codes.get(getattr(obj, "locale_id", None))].append(obj)
        for language, group in by_language.items():
            # Wagtail's indexer reads the configuration from the backend it is given.
            index = copy.copy(self)
            index.backend = copy.copy(self.backend)
            index.backend.config = self.backend.config_for(language)
            super(LanguageIndex, index).add_items(model, group)
        return None


class CountingPostgresSearchBackend(PostgresSearchBackend):
    results_class = CountingResults
    query_compiler_class = LanguageQueryCompiler
    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.configs = params.get("SEARCH_CONFIGS", {})

    def config_for(self, language_code):
        """The text search configuration for `language_code` (e.g. "es"), or
        the backend's default (SEARCH_CONFIG; None: PostgreSQL's)."""
        return self.configs.get(language_code, self.config)


def SearchBackend(params):  # the name Wagtail looks for in a backend's module
    if connection.vendor == "postgresql":
        return CountingPostgresSearchBackend(params)
    return database_backend(params)
