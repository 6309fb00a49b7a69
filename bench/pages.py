"""Query count and server time of every public page, with 1,000 stories
(BENCH_STORIES to change it: the index, themes and search must stay within
50 ms at 5,000 for a new address).

Run against PostgreSQL (a throwaway test database is created and dropped):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/pages.py

Every page is a miss of the page cache (core.pagecache), rendered afresh
three ways, one column each: the SQL queries per request, and the median (and
90th percentile) of the time Django takes to answer it, in-process, no network:

- cold: nothing kept between requests (core.rendercache off), as the first
  request after staff publish, which starts a new generation;
- new address: the page's own fragments rendered afresh, while what every
  page shares (routing, menus, the index's story groups, the Registry's
  figures) comes from the shared cache, as a filter combination, search or
  page asked for the first time;
- seen: the page's fragments from the shared cache too, as an address asked
  for before the page cache kept it, or whose page cache entry has expired.

BENCH_MODES (comma-separated: cold,new,seen) picks the columns, and
BENCH_ONLY (comma-separated words) the pages whose label has one of them:
BENCH_ONLY=index,theme,search for the issue's 50 ms pages alone.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

STORIES = int(os.environ.get("BENCH_STORIES", "1000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
SIGNATURES = int(os.environ.get("BENCH_SIGNATURES", "10000"))


def build_site():
    from actions.models import ActionSettings
    from home.models import HomePage
    from registry.models import CaseRecord
    from registry.samples import sample_records
    from stories.models import ExonereeStoryPage
    from tests.factories import (
        ActionIndexPageFactory,
        LetterPageFactory,
        PetitionPageFactory,
        SignatureFactory,
        add_stories,
        story_database,
    )
    from tests.registry_factories import NumbersPageFactory, figure_block

    home = HomePage.objects.get()
    index, themes, factors, portrait = story_database(home)
    started = time.perf_counter()
    add_stories(index, range(STORIES), portrait, factors)
    print(
        f"built {STORIES} stories in {time.perf_counter() - started:.0f} s on {connection.vendor}\n"
    )
    story = ExonereeStoryPage.objects.order_by("pk")[STORIES // 2]
    actions = ActionIndexPageFactory(parent=home)
    petition = PetitionPageFactory(parent=actions, goal=50_000)
    letter = LetterPageFactory(parent=actions)
    # Stories and themes end in the default action, a petition with signatures.
    ActionSettings.objects.create(site=home.get_site(), default_action=petition)
    SignatureFactory.create_batch(SIGNATURES, action=petition, source_page=story)
    # The Registry's national figures, from as many fictional records as it holds.
    CaseRecord.objects.bulk_create(sample_records(3500), batch_size=500)
    numbers = NumbersPageFactory(parent=home)
    themes[1].body = [figure_block("factor", "MWID"), figure_block("per_year")]
    themes[1].save_revision().publish()
    if connection.vendor == "postgresql":
        # As autovacuum would within a minute of the build: without statistics
        # on the new rows, the planner guesses, and each run measures other plans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return [
        ("home", home.url),
        ("story index", index.url),
        ("index, filtered", f"{index.url}?theme=the-evidence&state=TX&dna=yes"),
        ("index, sorted, page 5", f"{index.url}?sort=years&page=5"),
        ("story", story.url),
        *((f"theme: {theme.title}", theme.url) for theme in themes),
        ("search", "/search/?q=Person"),
        ("search, page 3", "/search/?q=Person+robbery&page=3"),
        ("open data (JSON)", "/stories.json"),
        ("open data (CSV)", "/stories.csv"),
        ("the numbers (3,500 case records)", numbers.url),
        ("the numbers as CSV", "/numbers.csv"),
        ("actions index", actions.url),
        (f"petition ({SIGNATURES:,} signatures)", petition.url),
        ("petition thank-you", f"{petition.url}thanks/"),
        ("letter", letter.url),
    ]


def read(client, url):
    """The response to `url`, read whole: a streamed one does its work as it is read."""
    response = client.get(url)
    if response.streaming:
        for __ in response.streaming_content:
            pass
    return response


MODES = {
    "cold": "cold",
    "new": "new address",
    "seen": "seen",
}


def fresh_fragments(fetch):
    """rendercache.fetch, with every fragment missed: what a page shares with
    others is read from the shared cache, but its own parts are rendered."""

    def fetch_shared(key, request=None):
        return None if key.startswith("rendercache:fragment:") else fetch(key, request)

    return fetch_shared


def measure(client, url):
    read(client, url)  # first request makes image renditions
    connection.queries_log.clear()  # a full log (9,000 entries) would hide new queries
    with CaptureQueriesContext(connection) as queries:
        response = read(client, url)
    query_count = len(queries)  # read now: it is computed from the live log
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        read(client, url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return query_count, statistics.median(times), times[int(len(times) * 0.9) - 1]


def measure_in(mode, client, url):
    from core import rendercache

    fetch = rendercache.fetch
    settings.RENDER_CACHE_ENABLED = mode != "cold"
    if mode == "new":
        rendercache.fetch = fresh_fragments(fetch)
    try:
        return measure(client, url)
    finally:
        rendercache.fetch = fetch


def main():
    setup_test_environment()
    modes = os.environ.get("BENCH_MODES", ",".join(MODES)).split(",")
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        pages = build_site()
        client = Client()
        print(f"{'':32}" + "".join(f"{MODES[mode]:>24}" for mode in modes))
        print(f"{'page':32}" + f"{'queries':>8}{'median':>8}{'p90 ms':>8}" * len(modes))
        only = [word for word in os.environ.get("BENCH_ONLY", "").split(",") if word]
        for label, url in pages:
            if only and not any(word in label for word in only):
                continue
            row = ""
            for mode in modes:
                queries, median, p90 = measure_in(mode, client, url)
                row += f"{queries:>8}{median:>8.1f}{p90:>8.1f}"
            print(f"{label:32}{row}", flush=True)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
