"""Stories with private notes, as the open data, feed and JSON-LD tests
publish them: whatever leaves the site is checked against the notes."""

import itertools
from datetime import UTC, datetime, timedelta

from stories.models import PRIVATE_FIELDS
from tests.factories import ExonereeStoryPageFactory

PRIVATE_TEXT = ("SECRET NOTE", "LEGAL NOTE")
START = datetime(2024, 1, 1, 12, tzinfo=UTC)
SLUGS = itertools.count()


def assert_nothing_private(text):
    for secret in (*PRIVATE_TEXT, *PRIVATE_FIELDS):
        assert secret not in text


def make_story(index, n=0, **kwargs):
    """A live story, published `n` days after START, with private notes.
    Its slug is unique: Faker sometimes repeats a name."""
    fields = {
        "slug": f"story-{next(SLUGS)}",
        "first_published_at": START + timedelta(days=n),
        "last_published_at": START + timedelta(days=n, hours=1),
        "consent_note": "SECRET NOTE",
        "legal_review_note": "LEGAL NOTE",
        "legal_review_done": True,
        **kwargs,
    }
    return ExonereeStoryPageFactory(parent=index, **fields)
