"""The security headers (core.security): the public site's strict
Content-Security-Policy, the admin's, Permissions-Policy and CORP, the same
on a page from the page cache as on a fresh one, and the score the MDN HTTP
Observatory's rules give the public pages with production's HTTPS settings."""

import ast
import gzip
import re

import pytest

from django.conf import settings as django_settings
from django.test import override_settings

from core.security import media_origin, permissions_policy, with_media
from stories.blocks.media import player_allowed
from tests import observatory
from tests.e2e.test_html_validity import rendered_pages
from tests.full_site import build_full_site
from tests.locale_factories import translate
from tests.shared import built_once
from tests.test_settings import load_production_settings

pytestmark = pytest.mark.django_db

# Production's HTTPS settings, read from campaign/settings/production.py.
HTTPS_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker):
        site = build_full_site()
        # A Spanish story (and so a Spanish home), as the HTML check has.
        yield {**site, "story_es": translate(site["story"], title="La historia")}


@pytest.fixture(scope="module")
def production_https():
    show = "{" + ", ".join(f"{name!r}: settings.{name}" for name in HTTPS_SETTINGS) + "}"
    result = load_production_settings(show)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production(settings, production_https):
    for name, value in production_https.items():
        setattr(settings, name, value)
    settings.ALLOWED_HOSTS = ["campaign.example.org"]
    return settings


def policy(response):
    return observatory.parse_csp(response["Content-Security-Policy"])


# The public site's policy ---------------------------------------------------


def test_public_pages_allow_no_inline_code_and_nothing_from_elsewhere(client, site):
    csp = policy(client.get(site["story"].url))
    assert csp["default-src"] == {"'none'"}
    for directive in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
        assert csp[directive] == {"'self'"}, directive
    assert csp["frame-ancestors"] == csp["base-uri"] == {"'none'"}
    assert csp["form-action"] == {"'self'"}
    assert not any(source.startswith("'nonce-") for sources in csp.values() for source in sources)
    assert csp["report-uri"] == {"/csp-report/"}


# Every inline <script> a public page may hold: data that browsers never run.
DATA_BLOCK = re.compile(r'<script type="application/ld\+json">')


@pytest.mark.parametrize("cached", [False, True], ids=["fresh", "page-cache"])
def test_every_public_page_and_state_runs_only_the_sites_own_files(client, site, settings, cached):
    """What the policy refuses is not in any public page: no inline script
    (JSON-LD is data, which CSP does not govern), no style attribute or
    element, no event handler attribute, and no nonce that a cached copy
    would share. The header is the public policy on each."""
    settings.ACTION_MIN_FILL_SECONDS = 0
    settings.PAGE_CACHE_ENABLED = cached
    expected = client.get(site["home"].url)["Content-Security-Policy"]
    pages = [
        # The error pages are rendered without the middleware: their templates are below.
        (name, response)
        for name, _status, response in rendered_pages(client, site)
        if name not in ("server-error", "database-away")
    ]
    assert len(pages) >= 20
    for name, response in pages:
        html = response.content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        inline = [s for s in scripts if "src=" not in s and not DATA_BLOCK.fullmatch(s)]
        assert not inline, f"{name}: inline script {inline}"
        assert not re.search(r"<style\b|\sstyle=", html), f"{name}: inline style"
        assert not re.search(r"\son[a-z]+=", html), f"{name}: event handler attribute"
        assert "nonce" not in html, name
        assert response["Content-Security-Policy"] == expected, name


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_the_error_pages_hold_no_inline_code_either(template):
    from django.template import loader

    html = loader.get_template(template).render()
    assert "<script" not in html or "src=" in html
    assert not re.search(r"<style\b|\sstyle=", html)


def test_a_page_from_the_page_cache_carries_the_policy_of_a_fresh_one(client, site, settings):
    settings.PAGE_CACHE_ENABLED = True
    url = site["story"].url
    fresh = client.get(url)
    plain_hit = client.get(url)
    client.get(url, headers={"Accept-Encoding": "gzip"})
    gzip_hit = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert plain_hit["X-Cache"] == gzip_hit["X-Cache"] == "HIT"
    assert gzip.decompress(gzip_hit.content) == plain_hit.content == fresh.content
    for hit in (plain_hit, gzip_hit):
        for header in (
            "Content-Security-Policy",
            "Permissions-Policy",
            "Cross-Origin-Resource-Policy",
            "Reporting-Endpoints",
        ):
            assert hit[header] == fresh[header], header


def test_static_files_and_the_open_data_carry_corp_too(client, site):
    css = client.get("/static/css/site.css")
    assert css.status_code == 200
    assert css["Cross-Origin-Resource-Policy"] == "same-origin"
    data = client.get("/stories.json")
    assert data["Cross-Origin-Resource-Policy"] == "same-origin"
    # CORP binds only no-cors loads: open data stays readable to other sites'
    # scripts through CORS.
    assert data["Access-Control-Allow-Origin"] == "*"


def test_powerful_features_are_refused_but_videos_may_go_full_screen(client, site):
    header = client.get(site["home"].url)["Permissions-Policy"]
    features = dict(part.split("=", 1) for part in header.split(", "))
    for denied in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[denied] == "()"
    assert features["fullscreen"].startswith("(self ")
    assert '"https://www.youtube-nocookie.com"' in features["fullscreen"]


def test_video_players_the_stories_offer_may_be_framed(client, site):
    story = client.get(site["story"].url)
    assert b"data-embed-html" in story.content  # the story's video block
    assert "https://www.youtube.com" in policy(story)["frame-src"]
    assert "https://player.vimeo.com" in policy(story)["frame-src"]


def test_a_video_whose_player_the_policy_refuses_stays_a_link(client, site, settings):
    settings.CSP_EMBED_ORIGINS = ["https://player.vimeo.com"]
    story = client.get(site["story"].url)
    assert b"data-embed-html" not in story.content
    assert b"Watch \xe2\x80\x9cSam tells his story\xe2\x80\x9d on YouTube" in story.content


@pytest.mark.parametrize(
    ("html", "allowed"),
    [
        ('<iframe src="https://www.youtube.com/embed/x"></iframe>', True),
        ("<IFRAME width=1 SRC='https://player.vimeo.com/video/1'></IFRAME>", True),
        ('<iframe src="https://www.youtube.com.evil.net/embed/x"></iframe>', False),
        ('<iframe src="http://www.youtube.com/embed/x"></iframe>', False),
        (
            '<blockquote class="tweet"><script src="https://x.com/w.js"></script></blockquote>',
            False,
        ),
        (
            '<iframe src="https://www.youtube.com/embed/x"></iframe>'
            '<iframe src="https://ads.example.net/"></iframe>',
            False,
        ),
    ],
)
def test_a_player_is_allowed_only_when_every_frame_is(html, allowed):
    assert player_allowed(html) is allowed


@override_settings(
    STORAGES={
        **django_settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "campaign-media",
                "custom_domain": "media.example.org",
                "querystring_auth": False,
            },
        },
    }
)
def test_media_from_object_storage_are_allowed_by_their_origin():
    origin = media_origin()
    assert origin == "https://media.example.org"
    csp = with_media(django_settings.SECURE_CSP, origin)
    assert csp["img-src"] == ["'self'", origin]
    assert csp["media-src"] == ["'self'", origin]
    assert csp["script-src"] == ["'self'"]


def test_media_served_by_the_site_need_no_other_origin():
    assert media_origin() is None
    assert with_media(django_settings.SECURE_CSP, None) == django_settings.SECURE_CSP


def test_the_permissions_policy_names_each_embed_host(settings):
    settings.CSP_EMBED_ORIGINS = ["https://player.example.org"]
    assert 'fullscreen=(self "https://player.example.org")' in permissions_policy()


# The admin's policy ----------------------------------------------------------


def test_the_admin_has_its_own_looser_policy_and_frames_its_previews(admin_client, site):
    dashboard = admin_client.get("/admin/")
    csp = policy(dashboard)
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == {"'self'"}
    assert csp["object-src"] == {"'none'"}
    assert csp["frame-src"] >= {"'self'", "https://www.youtube.com"}
    preview = admin_client.get(f"/admin/pages/{site['story'].pk}/edit/preview/")
    assert preview.status_code == 200
    assert preview["Content-Security-Policy"] == dashboard["Content-Security-Policy"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"


def test_a_view_with_its_own_policy_keeps_it(rf):
    from django.http import HttpResponse
    from django.views.decorators.csp import csp_override

    from core.security import SecurityHeadersMiddleware

    view = csp_override({"default-src": ["'self'"]})(lambda request: HttpResponse("ok"))
    response = SecurityHeadersMiddleware(view)(rf.get("/admin/"))
    assert response["Content-Security-Policy"] == "default-src 'self'"


# The Observatory's score -----------------------------------------------------


def scan(client, url):
    """What the Observatory sees of `url`: the HTTPS response (to a request
    from its Origin, for CORS) and the plain-HTTP one."""
    host = {"HTTP_HOST": "campaign.example.org"}
    response = client.get(
        url, secure=True, headers={"Origin": observatory.OBSERVATORY_ORIGIN}, **host
    )
    assert response.status_code == 200, url
    plain = client.get(url, secure=False, **host)
    return observatory.Scan(
        url=f"https://campaign.example.org{url}",
        headers=dict(response.items()),
        body=response.content.decode(),
        set_cookies=[morsel.OutputString() for morsel in response.cookies.values()],
        http_answer=(plain.status_code, plain.get("Location")),
    )


@pytest.mark.parametrize("cached", [False, True], ids=["fresh", "page-cache"])
def test_public_pages_score_a_plus_on_the_observatory(client, site, production, cached):
    production.PAGE_CACHE_ENABLED = cached
    pages = {
        "home": site["home"].url,
        "story": site["story"].url,
        "story index": site["index"].url,
        "petition": site["petition"].url,
    }
    scores = {}
    for name, url in pages.items():
        if cached:
            scan(client, url)  # stores it
        seen = scan(client, url)
        assert seen.header("X-Cache") == ("HIT" if cached else None), name
        result = observatory.score(seen)
        scores[name] = result
        print(f"Observatory ({'page cache' if cached else 'fresh'}) {name} {url}: {result}")
    assert {name: result.grade for name, result in scores.items()} == dict.fromkeys(pages, "A+")
    assert min(result.score for result in scores.values()) >= 100


def test_a_preview_rendered_at_its_pages_path_gets_the_admins_policy(rf):
    """Wagtail runs a preview through the middleware at the page's own path,
    and the editor frames it."""
    from django.http import HttpResponse

    from core.security import SecurityHeadersMiddleware

    request = rf.get("/stories/sam/")
    request.is_preview = True
    response = SecurityHeadersMiddleware(lambda request: HttpResponse("ok"))(request)
    assert policy(response)["frame-ancestors"] == {"'self'"}
