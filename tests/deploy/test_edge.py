"""A real edge: Debian's Varnish with deploy/varnish.vcl in front of the
Procfile's web process (production settings, PostgreSQL, Redis), which purges
it on publish (FRONTEND_CACHE_URL). Visitors' requests go through Varnish as
a TLS terminator forwards them; the editor publishes through it too."""

import re

import pytest

from bench.demo_site import free_port

from .conftest import EDITOR
from .servers import Editor, Varnish, WebProcess, request

pytestmark = pytest.mark.deploy


@pytest.fixture(scope="module")
def edge(demo_site):
    """Varnish in front of a web process that purges it."""
    web_port, varnish_port = free_port(), free_port()
    environ = {
        **demo_site["environ"],
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{varnish_port}",
        "WEB_CONCURRENCY": "1",
    }
    web = WebProcess(environ, web_port)
    try:
        varnish = Varnish(web.port, varnish_port)
    except BaseException:
        web.stop()
        raise
    yield varnish
    varnish.stop()
    web.stop()


def shows(body, name):
    """Whether the page names the story's person as its heading or a link."""
    return re.search(rf">\s*{re.escape(name)}\s*</(h1|a)>".encode(), body) is not None


def unstamped(body):
    return re.sub(rb'name="shown" value="[^"]+"', b"", body)


def cached(edge, path, **headers):
    """GET path twice through Varnish; the second answer."""
    edge.get(path, **headers)
    return edge.get(path, **headers)


@pytest.mark.parametrize("kind", ["home", "index", "petition"])
def test_varnish_serves_the_second_request_for_a_page(edge, demo_site, kind):
    first, first_body = edge.get(demo_site[kind])
    second, second_body = edge.get(demo_site[kind])

    assert first.status == second.status == 200
    assert second.getheader("X-Cache") == "HIT"
    assert int(second.getheader("X-Cache-Hits")) >= 1
    # The same page, but for the petition form's stamp: each visitor's own.
    assert unstamped(second_body) == unstamped(first_body)
    assert "Cookie" not in (second.getheader("Vary") or "")


def test_a_cached_petition_gets_each_visitor_a_stamp_of_their_own_through_esi(edge, demo_site):
    cached(edge, demo_site["petition"])
    answers = [edge.get(demo_site["petition"]) for _ in range(2)]

    stamps = set()
    for response, body in answers:
        assert response.getheader("X-Cache") == "HIT"
        assert b"<esi:include" not in body, "Varnish filled the include"
        stamp = re.search(rb'<input type="hidden" name="shown" value="([^"]+)"', body)
        assert stamp, "the form carries its stamp"
        stamps.add(stamp.group(1))
    assert len(stamps) == 2


def test_analytics_cookies_and_tracking_parameters_do_not_bypass_the_cache(edge, demo_site):
    story = demo_site["drafts"]["processes"]["url"]
    cached(edge, story)

    with_cookies, _ = edge.get(story, Cookie="_ga=GA1.2.3.4; _fbp=fb.1.2; csrftoken=abc")
    with_tracking, _ = edge.get(f"{story}?utm_source=news&fbclid=xyz&gclid=1")

    assert with_cookies.getheader("X-Cache") == "HIT"
    assert with_tracking.getheader("X-Cache") == "HIT"


def test_filter_parameters_in_any_order_share_an_entry(edge, demo_site):
    index = demo_site["index"]
    state = demo_site["drafts"]["edge"]["state"]
    edge.get(f"{index}?state={state}&sort=name")

    response, _ = edge.get(f"{index}?sort=name&state={state}")

    assert response.getheader("X-Cache") == "HIT"


def test_a_request_with_a_session_is_passed_to_the_app_and_never_stored(edge, demo_site):
    story = demo_site["drafts"]["processes"]["url"]
    editor = Editor(edge.port, EDITOR, demo_site["password"], demo_site["backup_codes"])

    for _ in range(2):
        response, body = editor.send("GET", story)
        assert response.getheader("X-Cache") == "PASS"
        assert b"wagtail-userbar" in body, "the editor's own page, with the userbar"
    anonymous, body = cached(edge, story)

    assert anonymous.getheader("X-Cache") == "HIT"
    assert b"wagtail-userbar" not in body


def test_a_page_published_in_the_admin_shows_at_once_through_varnish(edge, demo_site):
    story = demo_site["drafts"]["edge"]
    index = demo_site["index"]
    filtered = f"{index}?state={story['state']}"
    before = {path: cached(edge, path) for path in (story["url"], index, filtered)}
    for path, (response, body) in before.items():
        assert response.getheader("X-Cache") == "HIT", path
        assert shows(body, story["old"]), path

    Editor(edge.port, EDITOR, demo_site["password"], demo_site["backup_codes"]).publish(story["id"])

    for path in before:
        response, body = edge.get(path)
        assert response.status == 200
        assert response.getheader("X-Cache") == "MISS", path
        assert shows(body, story["new"]), path
        assert not shows(body, story["old"]), path


def test_purge_and_ban_are_refused_outside_the_acl(edge, demo_site):
    home = demo_site["home"]
    cached(edge, home)
    # 127.0.0.2 is this machine too, but not an address the ACL names.
    outside = ("127.0.0.2", 0)
    headers = {"X-Forwarded-Proto": "https"}

    purge, _ = request(edge.port, "PURGE", home, headers=headers, source_address=outside)
    ban, _ = request(edge.port, "BAN", "/", headers=headers, source_address=outside)
    response, _ = edge.get(home)

    assert purge.status == ban.status == 405
    assert response.getheader("X-Cache") == "HIT"


def test_a_purge_for_another_host_leaves_the_site_cached(edge, demo_site):
    home = demo_site["home"]
    cached(edge, home)

    purge, _ = request(edge.port, "PURGE", home, headers={"Host": "other.example.org"})
    response, _ = edge.get(home)

    assert purge.status == 200
    assert response.getheader("X-Cache") == "HIT"
