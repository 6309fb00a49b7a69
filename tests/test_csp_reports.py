"""The CSP report endpoint (campaign.views.csp_report) stores what browsers
report, refuses anything else with a 4xx, and admins read the reports in the
Wagtail admin (Reports → CSP violations)."""

import json
from datetime import timedelta

import pytest

from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from actions.protection import over_rate_limit
from core.models import CspReport
from tests.admin import sign_in

pytestmark = pytest.mark.django_db

URL = "/csp-report/"
# As Chromium posts to report-uri.
REPORT_URI_BODY = {
    "csp-report": {
        "document-uri": "https://campaign.example.org/stories/sam/",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'none'; script-src 'self'",
        "disposition": "enforce",
        "blocked-uri": "https://evil.example.net/x.js",
        "line-number": 12,
        "source-file": "https://campaign.example.org/stories/sam/",
        "status-code": 200,
        "script-sample": "",
    }
}
# As the Reporting API (report-to) delivers, several at once.
REPORTING_API_BODY = [
    {
        "type": "csp-violation",
        "age": 10,
        "url": "https://campaign.example.org/",
        "user_agent": "Mozilla/5.0",
        "body": {
            "documentURL": "https://campaign.example.org/",
            "effectiveDirective": "style-src-attr",
            "blockedURL": "inline",
            "disposition": "enforce",
            "sample": "color: red",
            "lineNumber": 3,
        },
    },
    {"type": "deprecation", "body": {"id": "x"}},
]


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def post(client, body, content_type="application/csp-report", **extra):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(URL, data, content_type=content_type, **extra)


def test_a_report_uri_report_is_stored():
    # Browsers send no CSRF token: the endpoint must not ask for one.
    client = Client(enforce_csrf_checks=True)
    response = post(client, REPORT_URI_BODY, HTTP_USER_AGENT="Firefox/140")
    assert response.status_code == 204
    assert "no-store" in response["Cache-Control"]
    report = CspReport.objects.get()
    assert report.document_url == "https://campaign.example.org/stories/sam/"
    assert report.directive == "script-src-elem"
    assert report.blocked_url == "https://evil.example.net/x.js"
    assert report.line_number == 12
    assert report.disposition == "enforce"
    assert report.user_agent == "Firefox/140"


def test_the_csp_reports_of_a_reporting_api_delivery_are_stored(client):
    response = post(client, REPORTING_API_BODY, content_type="application/reports+json")
    assert response.status_code == 204
    report = CspReport.objects.get()  # the deprecation report is not ours
    assert (report.directive, report.blocked_url, report.sample) == (
        "style-src-attr",
        "inline",
        "color: red",
    )


def test_long_values_are_cut_to_fit():
    report = CspReport.from_body(
        {"document-uri": "https://x.org/" + "a" * 5000, "line-number": 10**12}
    )
    report.save()
    assert len(report.document_url) == 500
    assert report.line_number == 2**31 - 1


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"{not json", "application/csp-report", 400),
        (b"\xff\xfe", "application/csp-report", 400),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", 413),
        (b"[" * 5000 + b"]" * 5000, "application/json", 400),
        ({"csp-report": {}}, "application/csp-report", 400),
        ({"csp-report": "a string"}, "application/csp-report", 400),
        ({"something": "else"}, "application/json", 400),
        ([], "application/reports+json", 400),
        ([{"type": "csp-violation", "body": None}], "application/reports+json", 400),
        ([{"type": "csp-violation", "body": {"documentURL": "x"}}] * 21, "application/json", 400),
        ("42", "application/json", 400),
        (REPORT_URI_BODY, "text/plain", 415),
        (REPORT_URI_BODY, "application/x-www-form-urlencoded", 415),
    ],
)
def test_anything_but_a_report_is_refused_and_nothing_is_stored(client, body, content_type, status):
    assert post(client, body, content_type=content_type).status_code == status
    assert not CspReport.objects.exists()


def test_a_report_is_read_whatever_its_declared_length(client, settings):
    settings.CSP_REPORT_MAX_BYTES = 100
    response = post(client, {"csp-report": {"document-uri": "x" * 200}}, CONTENT_LENGTH="10")
    assert response.status_code in (400, 413)
    assert not CspReport.objects.exists()


def test_only_post_is_allowed(client):
    for method in (client.get, client.put, client.delete):
        assert method(URL).status_code == 405
    assert not CspReport.objects.exists()


def test_reports_are_rate_limited_per_address(client, settings):
    settings.ACTION_RATE_LIMIT = 3
    statuses = [post(client, REPORT_URI_BODY).status_code for _ in range(5)]
    assert statuses == [204, 204, 204, 429, 429]
    assert CspReport.objects.count() == 3
    # A scope of its own: the same address may still sign a petition.
    assert not over_rate_limit(RequestFactory().post("/act/x/submit/"))
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert post(other, REPORT_URI_BODY).status_code == 204


# In the admin ------------------------------------------------------------------


@pytest.fixture
def stored():
    return CspReport.objects.create(
        document_url="https://campaign.example.org/",
        directive="img-src",
        blocked_url="https://tracker.example.net/pixel.gif",
    )


def test_admins_read_the_reports_but_cannot_change_them(admin_client, stored):
    index = admin_client.get("/admin/csp_reports/")
    assert index.status_code == 200
    assert b"tracker.example.net" in index.content
    inspect = admin_client.get(f"/admin/csp_reports/inspect/{stored.pk}/")
    assert inspect.status_code == 200
    assert b"img-src" in inspect.content
    for url in ("/admin/csp_reports/new/", f"/admin/csp_reports/edit/{stored.pk}/"):
        response = admin_client.get(url)
        assert response.status_code in (302, 403), url
    response = admin_client.post(f"/admin/csp_reports/delete/{stored.pk}/")
    assert response.status_code in (302, 403)
    assert CspReport.objects.filter(pk=stored.pk).exists()


def test_the_reports_menu_lists_them_for_admins_only(admin_client, client, stored):
    menu = admin_client.get("/admin/").content.decode()
    assert "/admin/csp_reports/" in menu
    editor = User.objects.create_user("editor", password="a-long-test-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    sign_in(client, editor)
    assert "/admin/csp_reports/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/csp_reports/").status_code in (302, 403)


def test_reports_past_their_retention_go_as_new_ones_come(client, settings):
    old = CspReport.objects.create(document_url="https://campaign.example.org/old/")
    CspReport.objects.filter(pk=old.pk).update(
        received_at=timezone.now() - timedelta(days=settings.CSP_REPORT_RETENTION_DAYS + 1)
    )
    recent = CspReport.objects.create(document_url="https://campaign.example.org/recent/")
    assert post(client, REPORT_URI_BODY).status_code == 204
    assert not CspReport.objects.filter(pk=old.pk).exists()
    assert CspReport.objects.filter(pk=recent.pk).exists()
    assert CspReport.objects.count() == 2
