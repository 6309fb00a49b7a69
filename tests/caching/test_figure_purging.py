"""The national figures are cached with the pages that show them, and an
import of the Registry's data forgets exactly those pages and /numbers.csv,
in the app's cache and at the edge; publishing a story forgets them too,
since it decides which numbers link to stories."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import rendercache
from core.showing import urls_showing
from registry.signals import registry_imported
from stories.models import ContributingFactor
from tests.caching.test_purging import committed, edge, warm  # noqa: F401 - fixtures
from tests.factories import ThemePageFactory
from tests.registry_factories import CaseRecordFactory, NumbersPageFactory, figure_block

pytestmark = pytest.mark.django_db


@pytest.fixture
def figure_pages(site_pages, home):
    CaseRecordFactory.create_batch(3, mistaken_identification=True)
    return {
        **site_pages,
        "numbers": NumbersPageFactory(parent=home),
        "figure_theme": ThemePageFactory(
            parent=home, slug="the-eyewitness", body=[figure_block("factor", "MWID")]
        ),
    }


def imported(committed):  # noqa: F811 - the fixture's value
    """What the importer does when an import finishes: more records, then
    the signal, then the commit."""
    with committed():
        CaseRecordFactory.create_batch(7)
        registry_imported.send(sender=None)


def test_after_an_import_the_numbers_page_shows_the_new_counts(client, figure_pages, committed):  # noqa: F811
    url = figure_pages["numbers"].url
    warm(client, url)
    assert client.get(url)["X-Cache"] == "HIT"
    assert "Exonerations on record" in client.get(url).content.decode()

    imported(committed)

    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "played a part in 30% of exonerations" in response.content.decode()


def test_an_import_forgets_every_page_with_figures_and_no_other(client, figure_pages, committed):  # noqa: F811
    with_figures = [figure_pages["numbers"].url, figure_pages["figure_theme"].url, "/numbers.csv"]
    without = [figure_pages["theme"].url, figure_pages["story"].url, figure_pages["index"].url]
    warm(client, *with_figures, *without)

    imported(committed)

    for url in with_figures:
        assert client.get(url)["X-Cache"] == "MISS", url
    for url in without:
        assert client.get(url)["X-Cache"] == "HIT", url
    assert ",10," in client.get("/numbers.csv").content.decode()


def test_an_import_purges_those_pages_at_the_edge(client, figure_pages, committed, edge):  # noqa: F811
    imported(committed)

    purged = {path for method, __, path in edge if method == "PURGE"}
    # The figures' spreadsheet in each language; the pages have Spanish
    # translations, with their own addresses, only once staff translate them.
    assert purged == {"/the-numbers/", "/the-eyewitness/", "/numbers.csv", "/es/numbers.csv"}


def test_an_import_renews_the_render_cache(settings, figure_pages, committed, rf):  # noqa: F811
    settings.RENDER_CACHE_ENABLED = True
    before = rendercache.generation()

    imported(committed)

    assert rendercache.generation() != before


def test_publishing_a_story_forgets_the_pages_whose_numbers_link_to_stories(figure_pages):
    shown = urls_showing(figure_pages["story"])

    assert "http://localhost/the-numbers/" in shown
    assert "http://localhost/the-eyewitness/" in shown


def test_a_theme_s_title_heads_the_factors_figure(figure_pages):
    ContributingFactor.objects.update(theme=figure_pages["theme"])

    assert "http://localhost/the-numbers/" in urls_showing(figure_pages["theme"])


def test_pages_with_figures_share_one_reading_of_them_until_an_import(
    settings,
    client,
    figure_pages,
    committed,  # noqa: F811
):
    settings.RENDER_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False
    theme, numbers = figure_pages["figure_theme"].url, figure_pages["numbers"].url
    client.get(theme)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(numbers)
    assert "played a part in 100% of exonerations" in response.content.decode()
    assert not [q for q in queries if "registry_caserecord" in q["sql"]]

    imported(committed)

    response = client.get(numbers)
    assert "played a part in 30% of exonerations" in response.content.decode()
