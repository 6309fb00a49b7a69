"""Search in Spanish stems Spanish words on PostgreSQL (issue 16, core.search):
each page is indexed, and each search made, with its language's text search
configuration. SQLite's FTS5 does not stem, so these run on PostgreSQL only."""

import pytest

from django.db import connection

from tests.locales.test_listings import body

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's"),
]


@pytest.fixture
def condemned(both_languages):
    """The Spanish story and an English one whose summaries both hold the
    Spanish verb “condenaron” (“they convicted”)."""
    english, spanish = both_languages
    spanish.summary = "Lo condenaron por un crimen que no cometió."
    spanish.save_revision().publish()
    english.summary = "The crowd outside the courthouse chanted “condenaron”."
    english.save_revision().publish()
    return english, spanish


def test_a_spanish_search_finds_a_spanish_word_by_its_stem(client, condemned):
    english, spanish = condemned
    # “condena” and “condenaron” share the Spanish stem “conden”.
    found = body(client.get("/es/search/?q=condena"))
    assert f'href="{spanish.url}"' in found
    assert f'href="{english.url}"' not in found


def test_an_english_search_does_not_stem_spanish(client, condemned):
    english, __ = condemned
    # English stemming leaves “condenaron” whole: “condena” doesn't find it.
    assert f'href="{english.url}"' not in body(client.get("/search/?q=condena"))
    assert f'href="{english.url}"' in body(client.get("/search/?q=condenaron"))


def test_each_page_is_indexed_with_its_language_configuration(condemned):
    english, spanish = condemned
    assert "'conden'" in indexed(spanish) and "'condenaron'" not in indexed(spanish)
    assert "'condenaron'" in indexed(english)


def indexed(page):
    """The lexemes of `page`'s search index entry, as PostgreSQL prints them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(body::text, ' ') FROM wagtailsearch_indexentry WHERE object_id = %s",
            [str(page.pk)],
        )
        return cursor.fetchone()[0]
