"""Django's Redis cache, with one Redis client per connection pool, reads of
several keys on a connection of each thread's own, and a Redis that cannot be
reached treated as an empty cache.

Django's client builds a new `redis.Redis` around the pool on every call;
building it costs about as much as the round trip, and a page cache hit makes
one call and little else. A `redis.Redis` is safe to share between threads
(each command takes a connection from the pool), so one per pool is kept.
The page cache's one call, `get_many`, goes further: on a connection the
thread keeps (made again after a fork, and once more if Redis closed it), it
skips the pool's checkout and release and redis-py's wrapping of each
command, which together cost about as much as the round trip again.

Everything kept in this cache can be worked out again (pages, rendered
fragments, the edge's generations) or may be lost (a rate limit's count), so
a Redis that is down, restarting or full must not take the site with it: a
read is a miss, a write is dropped, a counter is missing, and one warning is
logged a minute per process. Short socket timeouts keep what a dead Redis
costs a request to milliseconds; see "When a service fails" in
docs/deploy.md."""

import functools
import logging
import os
import threading
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient

logger = logging.getLogger(__name__)

# Seconds to wait for Redis on loopback or a private network: it answers in
# well under a millisecond when it is up.
CONNECT_TIMEOUT = 0.5
COMMAND_TIMEOUT = 1.0
# After a failure, calls answer "missing" at once for this long, so that a
# page's several cache calls cost one timeout at most, not one each.
RESTING_SECONDS = 1.0
WARN_EVERY_SECONDS = 60


def _unavailable(missing):
    """Call the method; if Redis cannot be reached, log (once a minute) and
    return what `missing` says an empty cache returns for these arguments."""

    def decorate(method):
        @functools.wraps(method)
        def wrapped(self, *args, **kwargs):
            if time.monotonic() < self._resting_until:
                return missing(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (
                self._lib.exceptions.ConnectionError,
                self._lib.exceptions.TimeoutError,
            ) as error:
                self._failed(error)
                return missing(*args, **kwargs)

        return wrapped

    return decorate


def _no_such_key(key, *args):
    # What Django's incr() says of a missing key: callers already handle it.
    raise ValueError(f"Key '{key}' not found (the cache is unreachable).")


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, servers, **options):
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", COMMAND_TIMEOUT)
        # Once, at once: a pooled connection Redis closed (a restart, an idle
        # timeout) is replaced; a Redis that is down fails fast, with no backoff.
        options.setdefault("retry", Retry(NoBackoff(), 1))
        super().__init__(servers, **options)
        self._clients = {}
        self._own = threading.local()
        self._warned_at = None
        self._resting_until = 0.0

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client

    def _own_connection(self):
        """This thread's connection, outside the pool; a new one in a forked
        process, which must not share its parent's socket."""
        held = getattr(self._own, "held", None)
        if held is None or held[0] != os.getpid():
            connection = self._get_connection_pool(write=False).make_connection()
            held = self._own.held = (os.getpid(), connection)
        return held[1]

    def _mget(self, keys):
        connection = self._own_connection()
        for attempt in (1, 2):
            try:
                connection.send_command("MGET", *keys)
                return connection.read_response()
            except BaseException as error:
                # Half a reply may be left unread: never reuse the socket.
                connection.disconnect()
                closed = isinstance(error, self._lib.exceptions.ConnectionError)
                if attempt == 2 or not closed:
                    raise

    @_unavailable(lambda keys: {})
    def get_many(self, keys):
        keys = list(keys)
        if not keys:
            return {}
        return {
            key: self._serializer.loads(value)
            for key, value in zip(keys, self._mget(keys), strict=True)
            if value is not None
        }

    def _failed(self, error):
        now = time.monotonic()
        self._resting_until = now + RESTING_SECONDS
        if self._warned_at is None or now - self._warned_at > WARN_EVERY_SECONDS:
            self._warned_at = now
            logger.warning(
                "Redis cannot be reached (%s): serving without the cache, rate limits open.", error
            )

    add = _unavailable(lambda *args: False)(DjangoRedisCacheClient.add)
    get = _unavailable(lambda key, default: default)(DjangoRedisCacheClient.get)
    set = _unavailable(lambda *args: None)(DjangoRedisCacheClient.set)
    touch = _unavailable(lambda *args: False)(DjangoRedisCacheClient.touch)
    delete = _unavailable(lambda *args: False)(DjangoRedisCacheClient.delete)
    has_key = _unavailable(lambda key: False)(DjangoRedisCacheClient.has_key)
    incr = _unavailable(_no_such_key)(DjangoRedisCacheClient.incr)
    set_many = _unavailable(lambda data, timeout: [])(DjangoRedisCacheClient.set_many)
    delete_many = _unavailable(lambda keys: None)(DjangoRedisCacheClient.delete_many)
    clear = _unavailable(lambda: False)(DjangoRedisCacheClient.clear)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def redis(self):
        """The redis.Redis client itself, for what Django's cache API has no
        call for (impact.counters: hashes, HyperLogLogs, pipelines); None
        while Redis rests after a failure, as the cache's own calls do."""
        client = self._cache
        if time.monotonic() < client._resting_until:
            return None
        return client.get_client(write=True)

    def unreachable(self, error):
        """Redis failed a call made through redis(): rest and warn as for the
        cache's own calls."""
        self._cache._failed(error)

    def validate_key(self, key):
        """Nothing to check: Redis takes any key. Django's check warns of keys
        memcached would refuse, a pass over every character of every key on
        every call (about 5 % of what a page cache hit does besides waiting
        for Redis). The tests, on the local-memory cache, still run it."""
