"""Where views are counted until they are written to the daily figures:
Redis when the cache is Redis, so that a spike of views costs one pipelined
round trip each and no SQL; otherwise the memory of each process.

In Redis, for each day (in the organisation's time zone):

- a hash of counts, by page, language, referring domain, utm_source and
  utm_campaign (`impact:views:DAY`);
- one HyperLogLog per page of the day's readers (`impact:visitors:DAY:PAGE`):
  each reader enters it as a keyed hash (BLAKE2) of their address, user agent
  and the page, keyed by a salt of the day. The sketch keeps registers of
  those hashes, not the hashes, and its count is about how many people read
  the page;
- the salt itself (`impact:salt:DAY`), random, gone when the day ends: past
  that, nobody, us included, can tell whether a given reader is in a sketch.

Every key expires soon after its day ends (KEPT_AFTER_THE_DAY), whether or not
the worker ran. The worker takes the counts (`take()`) by renaming the day's
hash to a batch of its own, listed in `impact:taken`, in one script, so that
views counted meanwhile go to a new hash, and two workers never take the same
counts; a batch leaves the list only once written (`done()`), so one cut short
by a crash is taken up again, and the database's record of batches written
(impact.models.CountedBatch) keeps it from being added twice.
"""

import datetime
import hashlib
import secrets
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from redis.exceptions import RedisError

from django.core.cache import caches
from django.utils import timezone

from core.cache import RedisCache

# Long enough for the worker's first run after midnight to take the day's
# last minute; so the oldest count of a day is kept at most a day and this.
KEPT_AFTER_THE_DAY = 10 * 60
# How long a batch may wait in the list for a worker before it is dropped.
TAKEN_KEPT = 2 * 24 * 60 * 60
SEPARATOR = "|"
# Renames the day's counts to a batch and lists the batch, at once, if there
# are counts: KEYS = the day's hash, the batch's name, the list.
TAKE = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('SADD', KEYS[3], KEYS[2])
  redis.call('EXPIRE', KEYS[3], ARGV[1])
  return 1
end
return 0
"""


@dataclass
class Batch:
    """Counts taken from the counters, to be added to one day's figures."""

    name: str
    day: datetime.date
    # (page id, language, referring domain, utm_source, utm_campaign): views
    views: dict = field(default_factory=dict)
    # page id: about how many people read it so far that day
    visitors: dict = field(default_factory=dict)


def today():
    """The day, and when (Unix time) its counters may go."""
    now = timezone.localtime()
    end = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time.min)
    end = end.replace(tzinfo=now.tzinfo)
    return now.date(), int(end.timestamp())


def visitor(salt, address, user_agent, page_id):
    """A reader of a page, as the day's salt hides them."""
    reader = f"{address}\0{user_agent}\0{page_id}".encode()
    return hashlib.blake2b(reader, key=salt, digest_size=8).digest()


def fields_of(view):
    return (
        view.page_id,
        view.language,
        view.referrer_domain,
        view.utm_source,
        view.utm_campaign,
    )


class RedisCounters:
    # The day's salt, as this process last read it: (day, salt).
    kept_salt = (None, None)

    def __init__(self, cache):
        self.cache = cache

    def key(self, name):
        return self.cache.make_key(f"impact:{name}")

    def add(self, view, address, user_agent):
        """Count one view; dropped, with a warning, when Redis is down."""
        client = self.cache.redis()
        if client is None:
            return
        day, ends = today()
        try:
            salt = self.salt(client, day, ends)
            views, visitors = self.key(f"views:{day}"), self.key(f"visitors:{day}:{view.page_id}")
            pipe = client.pipeline(transaction=False)
            pipe.hincrby(views, SEPARATOR.join(map(str, fields_of(view))), 1)
            pipe.expireat(views, ends + KEPT_AFTER_THE_DAY)
            pipe.pfadd(visitors, visitor(salt, address, user_agent, view.page_id))
            pipe.expireat(visitors, ends + KEPT_AFTER_THE_DAY)
            pipe.execute()
        except RedisError as error:
            self.cache.unreachable(error)

    def salt(self, client, day, ends):
        """The day's salt, shared by every process through Redis, kept in this
        one until the day changes."""
        kept_day, salt = RedisCounters.kept_salt
        if kept_day != day:
            key = self.key(f"salt:{day}")
            client.set(key, secrets.token_bytes(16), nx=True, exat=ends)
            salt = client.get(key) or secrets.token_bytes(16)
            RedisCounters.kept_salt = (day, salt)
        return salt

    def take(self):
        """Every batch waiting to be written: the counts of yesterday and
        today so far, and any batch a worker took and did not finish."""
        client = self.cache.redis()
        if client is None:
            return []
        day, __ = today()
        taken = self.key("taken")
        token = secrets.token_hex(6)
        take = client.register_script(TAKE)
        for each in (day - datetime.timedelta(days=1), day):
            take(
                keys=[self.key(f"views:{each}"), self.key(f"taken:{each}:{token}"), taken],
                args=[TAKEN_KEPT],
            )
        return [self.batch(client, name.decode()) for name in sorted(client.smembers(taken))]

    def batch(self, client, name):
        day = datetime.date.fromisoformat(name.rsplit(":", 2)[-2])
        found = Batch(name=name.removeprefix(self.key("")), day=day)
        for fields, count in client.hgetall(name).items():
            page, language, domain, source, campaign = fields.decode().split(SEPARATOR)
            found.views[(int(page), language, domain, source, campaign)] = int(count)
        pages = sorted({fields[0] for fields in found.views})
        pipe = client.pipeline(transaction=False)
        for page in pages:
            pipe.pfcount(self.key(f"visitors:{day}:{page}"))
        found.visitors = dict(zip(pages, pipe.execute(), strict=True))
        return found

    def done(self, batch):
        name = self.key(batch.name)
        client = self.cache.redis()
        if client is not None:
            client.pipeline(transaction=False).srem(self.key("taken"), name).delete(name).execute()


class MemoryCounters:
    """Without Redis, each process counts its own views and writes them
    itself, at most once every WRITE_EVERY seconds (impact.endpoint): a
    worker can't see another process's memory. Its readers are approximate
    twice over: one sketch per process."""

    WRITE_EVERY = 60

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        self.views = Counter()
        self.visitors = defaultdict(set)
        self.salts = {}
        self.since = None

    def add(self, view, address, user_agent):
        day, __ = today()
        with self.lock:
            salt = self.salts.setdefault(day, secrets.token_bytes(16))
            self.views[(day, fields_of(view))] += 1
            self.visitors[(day, view.page_id)].add(visitor(salt, address, user_agent, view.page_id))
            self.since = self.since or time.monotonic()

    def due(self):
        return self.since is not None and time.monotonic() - self.since >= self.WRITE_EVERY

    def take(self):
        day, __ = today()
        with self.lock:
            views, self.views, self.since = self.views, Counter(), None
            visitors = {key: len(readers) for key, readers in self.visitors.items()}
            # A past day's readers and salt are needed no more.
            for old in [key for key in self.visitors if key[0] < day]:
                del self.visitors[old]
            self.salts = {each: salt for each, salt in self.salts.items() if each >= day}
        batches = {}
        for (each, fields), count in views.items():
            if each not in batches:
                batches[each] = Batch(name=f"memory:{each}:{secrets.token_hex(6)}", day=each)
            batch = batches[each]
            batch.views[fields] = count
            batch.visitors[fields[0]] = visitors.get((each, fields[0]), 0)
        return list(batches.values())

    def done(self, batch):
        """Nothing to do: take() already forgot the batch."""


_memory = MemoryCounters()


def counters():
    """Where this process counts views (see the module's docstring)."""
    cache = caches["default"]
    return RedisCounters(cache) if isinstance(cache, RedisCache) else _memory
