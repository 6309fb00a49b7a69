"""Memory and time of the open data files as the number of stories grows.

Run against PostgreSQL (a throwaway test database is created and dropped):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/opendata.py

For each story count in BENCH_STORY_COUNTS (default "1000,5000"), prints
the size of /stories.json and /stories.csv, the time to answer and read
each in-process, and the peak of Python's memory while doing so (tracemalloc:
what the response holds at once). Streamed, the peak stays flat as the
stories grow; built whole, it grows with them.
"""

import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

COUNTS = [int(n) for n in os.environ.get("BENCH_STORY_COUNTS", "1000,5000").split(",")]
URLS = ("/stories.json", "/stories.csv")


def read(client, url):
    """(bytes, seconds, peak MiB) of answering `url` and reading all of it."""
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        size = sum(len(piece) for piece in response.streaming_content)
    else:
        size = len(response.content)
    seconds = time.perf_counter() - started
    __, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return size, seconds, peak / 2**20, response.streaming


def main():
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from home.models import HomePage
        from tests.factories import add_stories, story_database

        home = HomePage.objects.get()
        index, __, factors, portrait = story_database(home)
        client = Client()
        built = 0
        print(f"on {connection.vendor}")
        print(f"{'stories':>7} {'file':14} {'streamed':>8} {'MB':>6} {'s':>6} {'peak MiB':>9}")
        for count in COUNTS:
            add_stories(index, range(built, count), portrait, factors)
            built = count
            for url in URLS:
                client.get(url)  # warm: site root paths, content types
                size, seconds, peak, streamed = read(client, url)
                print(
                    f"{count:>7} {url:14} {'yes' if streamed else 'no':>8} "
                    f"{size / 1e6:>6.2f} {seconds:>6.2f} {peak:>9.1f}"
                )
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
