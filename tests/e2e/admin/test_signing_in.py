"""A new member of staff sets up two-factor sign-in in the browser, and every
sign-in screen (styled as the admin) passes axe-core, the lockout page too."""

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from django.contrib.auth.models import Group, User

from tests.e2e.admin.staff import PASSWORD, TIMEOUT
from tests.e2e.admin.test_admin_accessibility import assert_our_markup_is_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def newcomer(live_server):
    """An editor whose account was just made: no authenticator app yet."""
    user = User.objects.create_user("newcomer", "newcomer@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_a_newcomer_enrols_an_app_and_every_step_is_accessible(log_in, live_server, newcomer):
    tab = log_in.visitor("/admin/")
    expect(tab).to_have_url(f"{live_server.url}/admin/sign-in/?next=/admin/")
    assert_our_markup_is_accessible(tab, "main")

    tab.get_by_label("Username").fill("newcomer")
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    expect(tab.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    assert_our_markup_is_accessible(tab, "main")
    tab.get_by_role("button", name="Continue").click()
    expect(tab.get_by_alt_text("QR code to add this account")).to_be_visible()
    assert_our_markup_is_accessible(tab, "main")
    key = base64.b32decode(tab.locator("main code").inner_text())
    tab.get_by_label("Code from your app").fill(f"{totp(key):06d}")
    tab.get_by_role("button", name="Continue").click()

    expect(tab.get_by_role("heading", name="Two-factor sign-in is on")).to_be_visible()
    assert_our_markup_is_accessible(tab, "main")
    tab.get_by_role("link", name="Make backup codes").click()
    tab.get_by_role("button", name="Make new backup codes").click()
    expect(tab.locator(".backup-codes li")).to_have_count(10, timeout=TIMEOUT)
    tab.goto(live_server.url + "/admin/")
    expect(tab).to_have_title(re.compile("^Dashboard"), timeout=TIMEOUT)


def test_the_lockout_page_is_clear_and_accessible(log_in, live_server, newcomer):
    tab = log_in.visitor("/admin/sign-in/")
    for _ in range(5):
        tab.get_by_label("Username").fill("newcomer")
        tab.get_by_label("Password").fill("not-the-password")
        tab.get_by_role("button", name="Sign in").click()

    expect(tab.get_by_role("heading", name="Sign-in locked for a while")).to_be_visible()
    expect(tab.locator("main")).to_contain_text("locked for 30 minutes")
    assert_our_markup_is_accessible(tab, "main")
