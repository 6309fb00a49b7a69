"""A page of search results on PostgreSQL counts every match in the query
that ranks them (core.search): one pass over the matches, not two."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.stories.test_search import make_story, result_links, search

pytestmark = pytest.mark.django_db


def search_queries(client, q, **params):
    with CaptureQueriesContext(connection) as queries:
        response = search(client, q, **params)
    return response, [query["sql"] for query in queries if "wagtailsearch_" in query["sql"]]


@pytest.mark.parametrize("page", ["1", "2"])
def test_a_page_of_results_says_how_many_there_are_in_one_search_query(client, index, page):
    for n in range(12):
        make_story(index, person_name=f"Person {n}", summary=f"Convicted of arson, case {n}.")
    response, queries = search_queries(client, "arson", page=page)
    assert "12 results for “arson”" in response.content.decode()
    assert f"Page {page} of 2" in response.content.decode()
    assert len(result_links(response)) == (10 if page == "1" else 2)
    # SQLite's backend counts apart, as Wagtail's does.
    assert len(queries) == (1 if connection.vendor == "postgresql" else 2)


def test_a_page_past_the_last_is_counted_apart_and_not_found(client, index):
    make_story(index, person_name="Only One", summary="Convicted of arson.")
    response, queries = search_queries(client, "arson", page="2")
    assert response.status_code == 404
    assert len(queries) == 2
