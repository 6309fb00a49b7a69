"""Spanish pages stay within the public pages' query budget (12), as English
ones do (tests/test_query_counts.py measures the whole site in English)."""

import pytest

from tests.test_query_counts import queries_per_page

pytestmark = pytest.mark.django_db


def test_spanish_pages_stay_within_the_query_budget(client, both_languages):
    english, spanish = both_languages
    index, theme = spanish.get_parent(), spanish.factors.get().theme
    urls = [
        "/es/",
        index.url,
        f"{index.url}?factor=identificacion-erronea&sort=years",
        spanish.url,
        theme.url,
        "/es/search/?q=Historiaespañola",
        english.url,
        "/",
    ]
    counts = queries_per_page(client, urls)
    print("\nqueries per Spanish page:", counts)
