"""Reports → Impact in a real browser: staff sign in, open the dashboard,
read its charts and tables, choose another period; axe finds nothing wrong
in the project's own markup."""

import datetime

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from home.models import HomePage
from tests.e2e.admin.staff import TIMEOUT
from tests.e2e.admin.test_admin_accessibility import assert_our_markup_is_accessible
from tests.factories import ActionIndexPageFactory, ExonereeStoryPageFactory, PetitionPageFactory
from tests.impact.figures import signed, viewed

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def readers(index):
    """A week of readers of two stories, some of them signing a petition."""
    today = timezone.localdate()
    petition = PetitionPageFactory(
        parent=ActionIndexPageFactory(parent=HomePage.objects.get()), title="Free Sam", goal=50
    )
    sam = ExonereeStoryPageFactory(parent=index, person_name="Sam Rivera")
    ana = ExonereeStoryPageFactory(parent=index, person_name="Ana Ortiz")
    for n in range(7):
        day = today - datetime.timedelta(days=n)
        viewed(sam, day, 40 + n, referrer_domain="bsky.app", utm_source="bluesky")
        viewed(ana, day, 25, language="es")
        signed(petition, day, 1, source=sam, source_platform="bluesky")
    return petition


def test_staff_read_the_impact_dashboard(log_in, live_server, superuser, readers):
    tab = log_in("admin")
    tab.goto(live_server.url + "/admin/")
    expect(tab.locator("#impact-section")).to_contain_text("In the last 7 days")
    assert_our_markup_is_accessible(tab, "#impact-section")
    tab.get_by_role("button", name="Reports").click()
    tab.get_by_role("list", name="Reports").get_by_role("link", name="Impact").click()

    expect(tab.get_by_role("heading", name="Impact", level=1)).to_be_visible(timeout=TIMEOUT)
    main = tab.locator(".impact")
    expect(main.get_by_role("img", name="Stories by views")).to_be_visible()
    expect(main.get_by_role("img", name="Total signatures by day: Free Sam")).to_be_visible()
    expect(main.get_by_role("img", name="Signers by platform")).to_be_visible()
    assert main.locator("svg.chart").count() >= 7
    expect(
        main.get_by_role("heading", name="“The story of Sam Rivera” was read most")
    ).to_be_visible()

    table = main.locator("#stories-by-views-title ~ details")
    table.get_by_text("The numbers as a table").click()
    expect(table.get_by_role("rowheader", name="The story of Ana Ortiz")).to_be_visible()
    assert_our_markup_is_accessible(tab, ".impact")

    tab.get_by_label("Period").select_option("90")
    tab.get_by_role("button", name="Show").click()
    expect(tab).to_have_url(live_server.url + "/admin/impact/?days=90")
    expect(main.get_by_text("compared with the 90 days before")).to_be_visible()
