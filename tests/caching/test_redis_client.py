"""core.cache: Django's Redis cache, keeping one client per connection pool."""

import os

import pytest

from core.cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache():
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-client"})
    try:
        backend.set("probe", 1)
    except Exception as error:
        if os.environ.get("CI") or os.environ.get("REDIS_URL"):
            raise
        pytest.skip(f"Redis is not running at {REDIS_URL}: {error}")
    yield backend
    backend.clear()


def test_the_cache_reuses_its_client_and_still_reads_and_writes(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client(write=True) is client
    redis_cache.set_many({"a": b"page", "b": 2})
    assert redis_cache.get_many(["a", "b", "c"]) == {"a": b"page", "b": 2}
    assert redis_cache.add("a", "other") is False
    assert redis_cache.incr("b") == 3
