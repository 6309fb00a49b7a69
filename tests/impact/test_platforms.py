"""Reports → Impact's “Platforms” table: for each utm_source, the views its
links brought and the signers who came by one (a signature's or a letter's
source_platform), with the conversion over enough views. Counts only."""

import csv
import datetime
import io

import pytest

from django.utils import timezone

from actions.models import LetterCompletion
from impact.periods import Period
from impact.platforms import by_platform
from tests.admin import editor, sign_in
from tests.factories import LetterPageFactory
from tests.impact.figures import days_ago, signed, viewed

URL = "/admin/impact/"


def ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def wrote(letter, day, count=1, platform=""):
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    for __ in range(count):
        LetterCompletion.objects.create(action=letter, created_at=when, source_platform=platform)


@pytest.fixture
def shared(campaign):
    """Bluesky brought 200 views (two days, two pages) and 5 signers, 4 of
    them signatures; WhatsApp 10 views and 2 signatures, too few views to
    rate; email only a signature; and some came by no shared link at all."""
    first, petition = campaign["first"], campaign["petition"]
    letter = LetterPageFactory(parent=petition.get_parent())
    viewed(first, ago(1), 150, utm_source="bluesky", utm_campaign=first.slug)
    viewed(petition, ago(2), 50, utm_source="bluesky", language="es")
    viewed(campaign["second"], ago(1), 10, utm_source="whatsapp")
    viewed(campaign["alone"], ago(1), 500)  # no utm_source
    viewed(first, ago(20), 999, utm_source="bluesky")  # before the week
    signed(petition, ago(1), 4, source=first, source_platform="bluesky")
    wrote(letter, ago(1), 1, platform="bluesky")
    signed(petition, ago(2), 2, source_platform="whatsapp")
    signed(petition, ago(3), 1, source_platform="email")
    signed(petition, ago(1), 3)  # no platform
    signed(petition, ago(20), 9, source_platform="bluesky")  # before the week
    return campaign


def test_each_platform_has_its_views_signers_and_rate(shared):
    rows = {p.name: p for p in by_platform(Period.ending_today(7))}
    assert list(rows) == ["bluesky", "whatsapp", "email"]
    bluesky, whatsapp, email = rows.values()
    assert (bluesky.views, bluesky.signatures, bluesky.letters) == (200, 4, 1)
    assert bluesky.rate == pytest.approx(5 / 200)
    assert (whatsapp.views, whatsapp.signers, whatsapp.rate) == (10, 2, None)
    assert (email.views, email.signers, email.rate) == (0, 1, None)


def test_a_period_with_no_shared_link_has_no_platform(campaign):
    viewed(campaign["first"], days_ago(1), 40)
    assert by_platform(campaign["period"]) == []


def test_the_dashboard_shows_the_platforms_and_downloads_them(client, django_user_model, shared):
    sign_in(client, editor(django_user_model))

    html = client.get(URL, {"days": "7"}).content.decode()

    assert "“bluesky” brought the most signers: 5" in html
    assert "Platforms: views and signers by utm_source" in html
    assert "2.5 %" in html
    response = client.get(URL, {"days": "7", "export": "platforms"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Platform (utm_source)", "Views", "Signatures", "Letters", "Conversion (%)"],
        ["bluesky", "200", "4", "1", "2.5"],
        ["whatsapp", "10", "2", "0", ""],
        ["email", "0", "1", "0", ""],
    ]
    # Counts only: no signer is named.
    assert "@" not in response.content.decode()
