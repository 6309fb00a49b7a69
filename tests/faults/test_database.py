"""The database goes away under the Procfile's web process: restarted while
twenty visitors sign, then down for a while under readers. Nothing a visitor
was told is stored may be lost, cached pages keep being served, and the site
comes back by itself."""

import os
import time

import pytest

from .conftest import Signers, Visitor, acknowledged

pytestmark = pytest.mark.deploy

# How long the database stays down in the outage test: long enough to show
# the behaviour; FAULT_OUTAGE_SECONDS=60 gives the full minute.
OUTAGE_SECONDS = float(os.environ.get("FAULT_OUTAGE_SECONDS", "8"))
RECOVERY_SECONDS = 10


def stored_emails(postgres, site, run):
    rows = postgres.query(
        site["database"],
        "SELECT email FROM actions_signature WHERE email LIKE %s",
        f"fault-{run}-%",
    )
    return {email for (email,) in rows}


def recovery_seconds(answers, since):
    """Seconds from `since` to the first answer after which every answer was
    a success (2xx or 3xx); None if the site never settled."""
    settled = None
    for at, status in answers:
        if at < since:
            continue
        ok = isinstance(status, int) and 200 <= status < 400
        if not ok:
            settled = None
        elif settled is None:
            settled = at
    return None if settled is None else settled - since


def test_signatures_acknowledged_while_the_database_restarts_are_all_stored(web, site, postgres):
    with Signers(web.port, site, count=20) as signers:
        time.sleep(3)
        restarting = time.monotonic()
        postgres.restart()
        back = time.monotonic()
        # Until two seconds of nothing but successes, or past the deadline.
        while time.monotonic() - back < RECOVERY_SECONDS + 2:
            time.sleep(0.5)
            settled = recovery_seconds(signers.answers, back)
            if settled is not None and time.monotonic() - back > settled + 2:
                break

    stored = stored_emails(postgres, site, signers.run)
    recovered = recovery_seconds(signers.answers, back)
    print(
        f"\ndatabase restart ({back - restarting:.1f} s down): "
        f"{len(signers.acknowledged)} signatures acknowledged, {len(stored)} stored, "
        f"{len(signers.acknowledged - stored)} acknowledged but lost; statuses seen "
        f"{dict(sorted(signers.statuses.items(), key=str))}; recovered "
        f"{'never' if recovered is None else f'{recovered:.2f} s'} after the database was back"
    )
    assert signers.acknowledged, "the clients signed"
    assert signers.acknowledged <= stored, "every acknowledged signature is stored"
    assert not signers.unexplained, "only 2xx, 3xx, or 503 with Retry-After"
    assert recovered is not None and recovered < RECOVERY_SECONDS


def cached(visitor, path):
    """`path`, viewed until the page cache holds it."""
    for _ in range(5):
        response, body = visitor.get(path)
        assert response.status == 200, (path, response.status)
        if response.getheader("X-Cache") == "HIT":
            return body
    pytest.fail(f"{path} never came from the page cache")


def test_cached_pages_are_served_while_the_database_is_down(web, site, postgres):
    reader = Visitor(web.port)
    pages = [site["home"], site["index"], site["story"], site["petition"], "/search/?q=dna"]
    bodies = {path: cached(reader, path) for path in pages}
    # As gzip-taking browsers ask for them too: each is stored in both forms.
    for path in pages:
        for _ in range(2):
            reader.get(path, **{"Accept-Encoding": "gzip"})
    signer = Visitor(web.port, "198.51.100.200")
    stamp = signer.stamp(site["petition"])

    postgres.stop()
    try:
        down = time.monotonic()
        served, rounds = {}, 0
        while time.monotonic() - down < OUTAGE_SECONDS:
            rounds += 1
            for path in pages:
                for encoding in ("", "gzip"):
                    response, body = reader.get(path, **{"Accept-Encoding": encoding})
                    answer = (response.status, response.getheader("X-Cache"))
                    served[answer] = served.get(answer, 0) + 1
                    assert response.status == 200, (path, encoding, response.status)
                    if not encoding:
                        assert body == bodies[path] or path == site["petition"]
        uncached, _ = reader.get("/search/?q=exoneration")
        signed, _ = signer.sign(site["submit"], stamp, "outage@example.org")
        health, _ = reader.get("/healthz")
    finally:
        postgres.start()
    print(
        f"\ndatabase down {time.monotonic() - down:.0f} s: {rounds} rounds of "
        f"{len(pages)} cached pages answered (status, X-Cache) {served}; "
        f"a page not cached answered {uncached.status}, a signature {signed.status}"
    )

    # Pages past their lifetime (PAGE_CACHE_SECONDS is 5 s here) came stale.
    assert (200, "STALE") in served
    for response in (uncached, signed, health):
        assert response.status == 503
        assert response.getheader("Retry-After")
    assert not acknowledged(signed)

    # Back by itself: the next signature is stored.
    deadline = time.monotonic() + RECOVERY_SECONDS
    while (response := signer.sign(site["submit"], stamp, "after@example.org")[0]).status == 503:
        assert time.monotonic() < deadline, "the site came back within 10 s"
        time.sleep(0.2)
    assert acknowledged(response)
