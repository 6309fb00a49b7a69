"""Redis stops under the Procfile's web process: pages come from the database,
signatures are still taken, and the rate limit fails open with a warning in
the log, as docs/deploy.md says ("When a service fails")."""

import time

import pytest

from core.cache import RESTING_SECONDS

from .conftest import RATE_LIMIT, Visitor, acknowledged, log_of

pytestmark = pytest.mark.deploy


def sign_times(visitor, site, stamp, count, label):
    return [
        visitor.sign(site["submit"], stamp, f"redis-{label}-{n}@example.org")[0]
        for n in range(count)
    ]


def test_pages_and_signatures_go_on_without_redis(web, site, redis_server, postgres):
    pages = [site["home"], site["index"], site["story"], site["petition"], "/search/?q=dna"]
    reader = Visitor(web.port)
    before = Visitor(web.port, "192.0.2.10")
    answers = sign_times(before, site, before.stamp(site["petition"]), RATE_LIMIT + 1, "before")
    assert [r.status for r in answers][-1] == 429, "the limit holds while Redis is up"
    signer = Visitor(web.port, "192.0.2.11")
    stamp = signer.stamp(site["petition"])

    redis_server.stop()
    try:
        timings = {}
        for path in pages:
            started = time.perf_counter()
            response, body = reader.get(path)
            timings[path] = (time.perf_counter() - started) * 1000
            assert response.status == 200, (path, response.status)
            assert response.getheader("X-Cache") != "HIT"
            assert b"</html>" in body
        answers = sign_times(signer, site, stamp, RATE_LIMIT + 2, "during")
    finally:
        redis_server.start()
    statuses = [response.status for response in answers]
    print(
        f"\nRedis stopped: pages answered in {', '.join(f'{ms:.0f}' for ms in timings.values())}"
        f" ms; {len(answers)} signatures from one address (limit {RATE_LIMIT}) answered {statuses}"
    )

    # Failing open: over the limit, and every one acknowledged and stored.
    assert all(acknowledged(response) for response in answers)
    stored = postgres.query(
        site["database"],
        "SELECT count(*) FROM actions_signature WHERE email LIKE 'redis-during-%%'",
    )
    assert stored == [(len(answers),)]

    # Back by itself (each process tries Redis again a second after its last
    # failure): the cache fills again, the limit holds again. The worker that
    # served the reader is back; the other may have failed a moment before
    # Redis returned, and rests for RESTING_SECONDS after that.
    deadline = time.monotonic() + 5
    while reader.get(site["home"])[0].getheader("X-Cache") != "HIT":
        assert time.monotonic() < deadline, "the page cache works again"
        time.sleep(0.2)
    time.sleep(RESTING_SECONDS + 0.5)
    again = Visitor(web.port, "192.0.2.12")
    answers = sign_times(again, site, again.stamp(site["petition"]), RATE_LIMIT + 1, "after")
    assert answers[-1].status == 429

    assert "Redis cannot be reached" in log_of(web)
