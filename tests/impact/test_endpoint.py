"""The counting endpoint refuses what no page of ours sent, keeps nothing
that identifies a reader, answers before Django in production, and its
counts reach the daily figures once, however the worker is interrupted; the
figures are forgotten after their retention."""

import datetime
import hashlib

import pytest
import redis

from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from impact import beacon, counters
from impact.endpoint import ViewCounterApplication
from impact.flush import prune, write, write_counts
from impact.models import CountedBatch, DailyPageViews, DailyViewSource
from tests.impact.conftest import ADDRESS, BROWSER, REDIS_URL, counter_address, view

pytestmark = pytest.mark.django_db


def test_what_no_page_of_ours_sent_is_refused_and_nothing_is_kept(store, story, client):
    good = beacon.address(story.pk, "en")
    junk = [
        "/impact/view/",
        "/impact/view/?p=abc&l=en&k=0",
        f"/impact/view/?p={story.pk}&l=en",
        f"/impact/view/?p={story.pk}&l=en&k=0123456789abcdef",
        # A page id that exists, with another's signature; one that doesn't.
        f"/impact/view/?p={story.pk + 1}&l=en&k={beacon.signature(story.pk, 'en')}",
        f"/impact/view/?p={story.pk}&l=fr&k={beacon.signature(story.pk, 'fr')}",
        "/impact/view/?p=123456789012&l=en&k=" + beacon.signature(123456789012, "en"),
        good + "&" + "&".join(f"x{n}=1" for n in range(20)),
        "/impact/view/?p=%00&l=%ff",
    ]
    for address in junk:
        assert view(client, address).status_code == 400, address
        assert view(client, address, "post").status_code == 400, address
    for method in ("put", "delete", "patch", "head", "options"):
        answer = view(client, good, method)
        assert answer.status_code == 405, method
        assert answer["Allow"] == "GET, POST"
    # Wrong tags spoil only themselves: the view is counted without them.
    spoilt = good + "&s=" + "%F0%9F%92%A5" * 40 + "&r=%3Cb%3E"
    assert view(client, spoilt, "post").status_code == 204

    assert write_counts() == 1
    assert list(DailyViewSource.objects.values_list("referrer_domain", "utm_source")) == [("", "")]


def test_nothing_that_identifies_a_reader_is_kept(store, story, client):
    address = counter_address(client.get(story.url).text)
    for __ in range(3):
        view(client, address + "&r=news.example.com&s=bluesky", "post")
    view(client, address, REMOTE_ADDR="198.51.100.2")
    secrets = {ADDRESS, BROWSER, "198.51.100.2"}
    unsalted = set()
    for text in [*secrets, f"{ADDRESS}{BROWSER}", f"{ADDRESS}\0{BROWSER}\0{story.pk}"]:
        for algorithm in ("md5", "sha1", "sha256", "blake2b"):
            digest = hashlib.new(algorithm, text.encode())
            unsalted |= {digest.hexdigest()[:16], digest.digest()[:8]}

    if store == "redis":
        kept = redis.Redis.from_url(REDIS_URL)
        dump = []
        for key in kept.scan_iter():
            dump.append(key)
            kind = kept.type(key).decode()
            if kind == "hash":
                dump += [part for item in kept.hgetall(key).items() for part in item]
            elif kind == "set":
                dump += kept.smembers(key)
            else:
                dump.append(kept.get(key))
            if b":impact:" in key:
                # Each goes by itself, within a day and minutes of its day's end.
                assert 0 < kept.ttl(key) <= 24 * 60 * 60 + counters.KEPT_AFTER_THE_DAY, key
        assert any(b":impact:visitors:" in key for key in dump)
        blob = b"\n".join(dump)
        for secret in secrets:
            assert secret.encode() not in blob
        for digest in unsalted:
            assert (digest if isinstance(digest, bytes) else digest.encode()) not in blob

    write_counts()
    tables = [DailyPageViews, DailyViewSource, CountedBatch]
    columns = {
        model._meta.db_table: [
            column.name
            for column in connection.introspection.get_table_description(
                connection.cursor(), model._meta.db_table
            )
        ]
        for model in tables
    }
    assert columns == {
        "impact_dailypageviews": ["id", "day", "views", "visitors", "page_id"],
        "impact_dailyviewsource": [
            "id",
            "day",
            "language",
            "referrer_domain",
            "utm_source",
            "utm_campaign",
            "views",
            "page_id",
        ],
        "impact_countedbatch": ["id", "name", "counted_at"],
    }
    values = " ".join(str(row) for model in tables for row in model.objects.values_list())
    for secret in secrets | {digest for digest in unsalted if isinstance(digest, str)}:
        assert secret not in values
    assert DailyPageViews.objects.get().visitors == 2


def test_the_endpoint_is_answered_before_django_as_django_answers_it(store, story, client):
    handled = []

    def django(environ, start_response):
        handled.append(environ["PATH_INFO"])
        start_response("404 Not Found", [])
        return [b""]

    application = ViewCounterApplication(django)

    def serve(address, method="GET"):
        environ = (
            RequestFactory()
            .generic(method, address, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=ADDRESS)
            .environ
        )
        answer = {}

        def start_response(status, headers):
            answer.update(status=status, headers=dict(headers))

        body = b"".join(application(environ, start_response))
        return answer["status"], answer["headers"], body

    address = beacon.address(story.pk, "en")
    status, headers, body = serve(address)
    through_django = view(client, address)
    assert (status, handled) == ("200 OK", [])
    assert body == through_django.content
    assert headers["Cache-Control"] == through_django["Cache-Control"] == "no-store"
    assert headers["Content-Length"] == str(len(body))
    assert serve(address, "POST")[0] == "204 No Content"
    assert serve("/impact/view/?p=1")[0] == "400 Bad Request"
    assert serve(address, "PUT")[0] == "405 Method Not Allowed"
    serve("/")
    assert handled == ["/"]
    assert write_counts() == 3


def test_a_batch_written_before_a_crash_is_not_added_again(store, story, client):
    """The worker wrote a batch and died before Redis heard: the next run
    takes it up again and finds it written."""
    view(client, beacon.address(story.pk, "en"))
    view(client, beacon.address(story.pk, "es"))
    taken = counters.counters().take()
    assert [batch.views for batch in taken] == [
        {(story.pk, "en", "", "", ""): 1, (story.pk, "es", "", "", ""): 1}
    ]
    assert write(taken[0]) == 2
    # No done(): in Redis, the batch is still waiting for a worker.
    again = counters.counters().take()
    if store == "redis":
        assert [batch.name for batch in again] == [taken[0].name]
        assert write_counts() == 0
    assert write(taken[0]) == 0
    assert DailyPageViews.objects.get().views == 2
    assert counters.counters().take() == []


def test_daily_figures_are_forgotten_after_their_retention(story, settings):
    settings.VIEW_COUNT_RETENTION_DAYS = 30
    today = datetime.date(2026, 6, 30)
    for age in (0, 30, 31, 400):
        day = today - datetime.timedelta(days=age)
        DailyPageViews.objects.create(page=story, day=day, views=5, visitors=3)
        DailyViewSource.objects.create(page=story, day=day, language="en", views=5)
    assert prune(today) == 4
    kept = [today - datetime.timedelta(days=age) for age in (0, 30)]
    assert sorted(DailyPageViews.objects.values_list("day", flat=True)) == sorted(kept)
    assert sorted(DailyViewSource.objects.values_list("day", flat=True)) == sorted(kept)


# The worker closes its connections after each job, as test_scheduling's;
# serialized_rollback puts back the home page and site for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_writes_the_counts_every_minute_and_forgets_old_figures(store, story, client):
    old = datetime.date.today() - datetime.timedelta(days=1000)
    DailyPageViews.objects.create(page=story, day=old, views=1, visitors=1)
    view(client, beacon.address(story.pk, "en"))
    call_command("run_worker", "--batch")
    assert list(DailyPageViews.objects.values_list("views", flat=True)) == [1]
    assert DailyPageViews.objects.get().day != old


# With Redis, the worker writes them.
@pytest.mark.parametrize("store", ["memory"], indirect=True)
def test_without_redis_a_web_process_writes_its_own_counts_once_a_minute(store, story, client):
    address = beacon.address(story.pk, "en")
    view(client, address)
    assert not DailyPageViews.objects.exists()
    counters._memory.since -= counters.MemoryCounters.WRITE_EVERY
    view(client, address)
    assert DailyPageViews.objects.get().views == 2
