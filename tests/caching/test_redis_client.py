"""core.cache: Django's Redis cache, keeping one client per connection pool,
and an empty cache when Redis cannot be reached."""

import logging
import os
import socket
import time

import pytest

from bench.demo_site import free_port
from core.cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache():
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-client"})
    try:
        # The client itself: the cache would take a dead Redis for an empty one.
        backend._cache.get_client(write=True).ping()
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


def test_an_unreachable_redis_is_an_empty_cache_that_costs_little(caplog):
    # Nothing listens there: every connection is refused.
    backend = RedisCache(f"redis://127.0.0.1:{free_port()}/0", {"KEY_PREFIX": "test-client"})

    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert backend.get("page", "missing") == "missing"
        assert backend.get_many(["a", "b"]) == {}
        assert backend.add("count", 1) is False
        backend.set("page", b"html")
        backend.set_many({"a": 1})
        backend.delete("page")
        with pytest.raises(ValueError, match="not found"):
            backend.incr("count")
    elapsed = time.perf_counter() - started

    assert elapsed < 1, "one refused connection, then a rest: not one timeout per call"
    assert [r.message for r in caplog.records if "Redis cannot be reached" in r.message], (
        "said once in the log"
    )
    assert len(caplog.records) == 1


def test_reads_of_several_keys_survive_redis_closing_the_connection(redis_cache):
    redis_cache.set_many({"a": b"page", "b": 2})
    assert redis_cache.get_many(["a", "b"]) == {"a": b"page", "b": 2}
    own = redis_cache._cache._own_connection()
    own.send_command("CLIENT", "ID")
    # As a restart of Redis or its idle timeout would.
    redis_cache._cache.get_client(write=True).client_kill_filter(_id=own.read_response())

    assert redis_cache.get_many(["a", "b", "c"]) == {"a": b"page", "b": 2}
    assert redis_cache.get_many([]) == {}


def test_a_forked_process_reads_on_a_connection_of_its_own(redis_cache):
    redis_cache.set("a", b"page")
    redis_cache.get_many(["a"])
    parents = redis_cache._cache._own_connection()
    # What a forked worker sees: the same memory, another process id.
    redis_cache._cache._own.held = (os.getpid() + 1, parents)

    assert redis_cache.get_many(["a"]) == {"a": b"page"}
    assert redis_cache._cache._own_connection() is not parents


def test_a_redis_that_never_answers_is_an_empty_cache(caplog):
    # A server that accepts connections and says nothing, as a Redis that
    # hangs (paused, swapping, a network partition) would.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        backend = RedisCache(f"redis://127.0.0.1:{port}/0", {"KEY_PREFIX": "test-client"})
        with caplog.at_level(logging.WARNING, logger="core.cache"):
            assert backend.get_many(["a", "b"]) == {}
            assert backend.get("page", "missing") == "missing"

    assert [r.message for r in caplog.records if "Redis cannot be reached" in r.message]
