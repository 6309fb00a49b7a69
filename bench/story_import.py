"""Time and memory of importing stories from a CSV file, as the worker does.

Run against PostgreSQL (a throwaway test database is created and dropped):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/story_import.py

Generates BENCH_ROWS (default 5000) stories with the rows the import tests
use (tests/stories/import_rows.py), imports them as new drafts, then imports
the same file again (every story unchanged), and prints the seconds of each,
rows per second and the process's peak resident memory so far (ru_maxrss,
which includes Django and the file; after the second import it is the peak of
both). BENCH_PROFILE=1 prints the 25 costliest
functions of the first import (cProfile, cumulative). Targets: 5,000 rows in
60 s or less, 250 MB or less.
"""

import cProfile
import logging
import os
import pstats
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "5000"))
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
TARGET_SECONDS, TARGET_MB = 60, 250


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label, run):
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    print(
        f"{label:22} {seconds:7.1f} s {ROWS / seconds:7.0f} rows/s   "
        f"peak RSS {peak_mb():5.0f} MB   {result.summary()}"
    )
    return seconds


def main():
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # a line per page otherwise
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from home.models import HomePage
        from stories.importing import import_stories
        from stories.models import ExonereeStoryPage
        from tests.factories import StoryIndexPageFactory
        from tests.stories.import_rows import story_file

        StoryIndexPageFactory(parent=HomePage.objects.get())
        data = story_file(ROWS)
        print(f"{ROWS} rows, {len(data) / 1e6:.1f} MB, on {connection.vendor}")
        profiler = cProfile.Profile() if PROFILE else None
        if profiler:
            profiler.enable()
        first = timed("import (all new)", lambda: import_stories(data))
        first_peak = peak_mb()
        if profiler:
            profiler.disable()
        assert ExonereeStoryPage.objects.count() == ROWS
        timed("again (all unchanged)", lambda: import_stories(data))
        verdict = "met" if first <= TARGET_SECONDS and first_peak <= TARGET_MB else "MISSED"
        print(
            f"targets for the import of new stories ({TARGET_SECONDS} s, {TARGET_MB} MB): {verdict}"
        )
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
