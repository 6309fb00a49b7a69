"""Reports → Impact: counts for everyone who uses the admin, never a
supporter's name; its tables as CSV, safe to open in a spreadsheet."""

import csv
import datetime
import io

import pytest

from django.utils import timezone

from tests.actions.admin.helpers import FORMULA, supporter_staff
from tests.admin import editor, sign_in
from tests.factories import ExonereeStoryPageFactory
from tests.impact.figures import signed, viewed
from tests.queries import within_budget

URL = "/admin/impact/"


def ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def activity(campaign):
    """Readers and signers in the last days, as the dashboard's own clock sees them."""
    first, petition = campaign["first"], campaign["petition"]
    viewed(
        first, ago(1), 120, referrer_domain="bsky.app", utm_source="bluesky", utm_campaign="free"
    )
    viewed(first, ago(40), 100)
    viewed(campaign["second"], ago(2), 30, language="es")
    signed(petition, ago(1), 2, source=first)
    signed(petition, ago(1), 1, source=first, first_name="Ada", email="ada@example.org")
    return campaign


def test_an_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/sign-in/")


def test_staff_without_supporter_data_see_counts_and_no_one(client, django_user_model, activity):
    sign_in(client, editor(django_user_model))

    response = client.get(URL, {"days": "7"})

    html = response.content.decode()
    assert response.status_code == 200
    assert activity["first"].title in html
    assert "<svg" in html and "<table" in html
    assert "bsky.app" in html and "bluesky" in html and "Español" in html
    assert "Links shared for each page or campaign (utm_campaign): free first" in html
    assert "Ada" not in html and "ada@example.org" not in html
    assert "/admin/signatures/" not in html
    # The comparison with the previous week, and the petition's goal line.
    assert "new: none the period before" in html
    assert "chart__goal" in html


def test_staff_with_supporter_data_get_a_link_to_who_signed(client, django_user_model, activity):
    sign_in(client, supporter_staff(django_user_model))
    html = client.get(URL).content.decode()
    assert 'href="/admin/signatures/"' in html
    # Still counts only on the dashboard itself.
    assert "ada@example.org" not in html


def test_before_any_view_the_dashboard_says_what_to_expect(client, django_user_model, home):
    sign_in(client, editor(django_user_model))
    html = client.get(URL).content.decode()
    assert "No views counted yet in this period" in html
    assert "No story has been read yet in this period" in html
    assert "No petition is live" in html


def test_every_table_downloads_as_csv_with_no_formula(client, django_user_model, activity):
    ExonereeStoryPageFactory(parent=activity["first"].get_parent(), title=FORMULA)
    viewed(activity["first"].get_parent().get_children().last(), ago(1), 25)
    sign_in(client, editor(django_user_model))

    response = client.get(URL, {"days": "30", "export": "stories-by-views"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "impact-stories-by-views-" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Story", "Views", "About how many people", "Signatures", "Conversion (%)"]
    assert [activity["first"].title, "120", "120", "3", "2.5"] in rows
    assert ["'" + FORMULA, "25", "25", "0", "0.0"] in rows
    for name in (
        "days",
        "stories-by-conversion",
        "stories-by-day",
        "themes",
        "referrers",
        "utm-sources",
        "utm-campaigns",
        "languages",
        "actions",
        f"action-{activity['petition'].pk}",
    ):
        export = client.get(URL, {"export": name})
        assert export.status_code == 200, name
        assert export["Content-Type"] == "text/csv; charset=utf-8"
    assert client.get(URL, {"export": "nothing"}).status_code == 404


def test_the_dashboard_costs_the_same_queries_however_much_there_is(
    client, django_user_model, activity
):
    sign_in(client, editor(django_user_model))
    client.get(URL)  # the session and the admin's own lookups, once
    # 16 queries of its own (impact.dashboard); the rest are the admin's, for its menus.
    with within_budget(30, "the impact dashboard") as few:
        client.get(URL, {"days": "90"})
    for n in range(5):
        story = ExonereeStoryPageFactory(parent=activity["first"].get_parent())
        viewed(story, ago(n), 10 + n)
        signed(activity["petition"], ago(n), 1, source=story)
    with within_budget(len(few), "the impact dashboard with more stories"):
        client.get(URL, {"days": "90"})


def test_the_admins_home_says_how_the_week_went_and_leads_to_the_dashboard(
    client, django_user_model, activity
):
    sign_in(client, editor(django_user_model))
    html = client.get("/admin/").content.decode()
    assert "In the last 7 days: 150 views (new: none the period before), 3 signatures" in html
    assert f'href="{URL}"' in html
