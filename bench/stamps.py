"""What each visitor's form stamp costs on a page served from the page cache.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
    REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python bench/stamps.py

A throwaway test database (test_<name>) is created and dropped, as in
bench/pages.py; the Redis database named is emptied: give the bench one of
its own. In-process, through the whole middleware stack: for a story (no
form), a petition and a letter, the median time of a page cache hit with
actions.middleware.FormStampMiddleware in place and without it, for a
browser and for an edge that speaks ESI; then the envelope fragment the edge
asks for on every view. Times are noisy on a shared machine: compare the
columns of one run.
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
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "500"))
STAMPER = "actions.middleware.FormStampMiddleware"
ESI_EDGE = {"Surrogate-Capability": 'varnish="ESI/1.0"'}


def build_site():
    from home.models import HomePage
    from tests.factories import (
        ActionIndexPageFactory,
        LetterPageFactory,
        PetitionPageFactory,
        SignatureFactory,
        StoryIndexPageFactory,
    )
    from tests.stories.published import make_story

    home = HomePage.objects.get()
    story = make_story(StoryIndexPageFactory(parent=home), 1)
    actions = ActionIndexPageFactory(parent=home)
    petition = PetitionPageFactory(parent=actions, goal=50_000)
    SignatureFactory.create_batch(100, action=petition)
    return [
        ("story (no form)", story.url),
        ("petition", petition.url),
        ("letter", LetterPageFactory(parent=actions).url),
    ], petition


def timed(client, url, headers):
    started = time.perf_counter()
    response = client.get(url, headers=headers)
    return time.perf_counter() - started, response


def hit_times(plain, stamped, url, headers):
    """Median milliseconds of a cache hit without and with the stamping, taken
    in turns so that the machine's load weighs on both alike; and the queries
    of a stamped hit."""
    # Stored by the second request: the first one's rendering may create a
    # site's settings, and saving a setting forgets every page.
    for _ in range(2):
        stamped.get(url, headers=headers)
    with CaptureQueriesContext(connection) as queries:
        _, response = timed(stamped, url, headers)
    assert response.status_code == 200 and response.get("X-Cache") == "HIT", (url, response)
    times = {plain: [], stamped: []}
    for _ in range(ROUNDS):
        for client in (plain, stamped):
            times[client].append(timed(client, url, headers)[0])
    return (
        statistics.median(times[plain]) * 1000,
        statistics.median(times[stamped]) * 1000,
        len(queries),
    )


def main():
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        raise SystemExit("Set REDIS_URL to a Redis database of its own (see the docstring).")
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        pages, petition = build_site()
        plain, stamped = Client(), Client()
        without = [entry for entry in settings.MIDDLEWARE if entry != STAMPER]
        with override_settings(MIDDLEWARE=without):
            plain.get("/healthz")  # a client keeps the middleware it first loads
        print(f"page cache hits, median of {ROUNDS}, in-process\n")
        print(f"{'page':18} {'who':8} {'unstamped ms':>12} {'stamped ms':>11} {'queries':>8}")
        with override_settings(PAGE_CACHE_ENABLED=True):
            for label, url in pages:
                for who, headers in (("browser", {}), ("ESI edge", ESI_EDGE)):
                    cache.clear()
                    row = hit_times(plain, stamped, url, headers)
                    print(f"{label:18} {who:8} {row[0]:>12.3f} {row[1]:>11.3f} {row[2]:>8}")
        client = Client()
        fragment = f"/actions/{petition.pk}/envelope/?from=12"
        with CaptureQueriesContext(connection) as queries:
            client.get(fragment)
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            client.get(fragment)
            times.append(time.perf_counter() - started)
        print(
            f"\nenvelope fragment (ESI): {statistics.median(times) * 1000:.3f} ms median, "
            f"{len(queries)} queries"
        )
    finally:
        cache.clear()
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
