"""Counting views (impact), in both of the places views are counted: the
memory of the process (no Redis) and Redis."""

import os
import re
from html import unescape

import pytest
import redis

from impact import counters
from tests.factories import StoryIndexPageFactory
from tests.impact.figures import campaign  # noqa: F401 (a fixture of the dashboard's tests)
from tests.stories.published import make_story

# A database the tests may empty.
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/10")
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36"
)
ADDRESS = "203.0.113.7"


@pytest.fixture(params=["memory", "redis"])
def store(request, settings):
    """Where the endpoint counts: each test runs once with each."""
    if request.param == "memory":
        # Whatever REDIS_URL gave the rest of the suite.
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    else:
        try:
            redis.Redis.from_url(REDIS_URL).ping()
        except redis.ConnectionError as error:
            if os.environ.get("CI") or os.environ.get("REDIS_URL"):
                raise
            pytest.skip(f"Redis is not running at {REDIS_URL}: {error}")
        settings.CACHES = {
            "default": {
                "BACKEND": "core.cache.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": "campaign",
            }
        }
        redis.Redis.from_url(REDIS_URL).flushdb()
    # A fresh process's: no salt read, nothing counted.
    counters.RedisCounters.kept_salt = (None, None)
    counters._memory.clear()
    yield request.param
    counters._memory.clear()
    if request.param == "redis":
        redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture
def story(home):
    index = StoryIndexPageFactory(parent=home, slug="stories")
    return make_story(index, 1, person_name="Marcus Reed", slug="marcus-reed")


def counter_address(html):
    """The view counter's address in a page, as a browser reads it."""
    found = re.search(r'data-view-counter="([^"]+)"', html)
    return unescape(found[1]) if found else None


def view(client, address, method="get", **headers):
    """Ask the counter as a reader's browser does."""
    headers = {"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": ADDRESS, **headers}
    return getattr(client, method)(address, **headers)
