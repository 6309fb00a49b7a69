"""Staff logged in to the real Wagtail admin, each in a browser context of
their own, and the story index they work in."""

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import User

from core.workflow import ensure_review_workflow
from home.models import HomePage
from tests.e2e.admin.staff import PASSWORD, TIMEOUT, code_for, member, with_authenticator
from tests.e2e.csp import watch_csp
from tests.factories import StoryIndexPageFactory


@pytest.fixture(autouse=True)
def no_autosave(settings):
    """Wagtail 8 autosaves the editor form every half second. Against the test
    server's shared in-memory SQLite database, an autosave that overlaps the
    editor's own submit can lock a table (a 503 page), or leave the submit
    refused with "could not be created due to validation errors" (both seen
    under load). The journey is the editor's own actions, so autosave is off
    here; the live server runs in this process."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def index(live_server):
    index = StoryIndexPageFactory(parent=HomePage.objects.get())
    ensure_review_workflow(index)
    return index


@pytest.fixture
def editor(live_server):
    return member("editor", "Editors")


@pytest.fixture
def moderator(live_server):
    return member("moderator", "Moderators")


@pytest.fixture
def log_in(browser, live_server, transactional_db):
    """Sign in as staff do, with the password and then the code from their
    authenticator app, each user in a browser context of their own. The
    contexts close before the database is flushed. No page any of them opens,
    in the admin or on the site, may refuse anything under its
    Content-Security-Policy."""
    contexts = []
    violations = []

    def new_tab():
        context = browser.new_context()
        contexts.append(context)
        context.set_default_timeout(TIMEOUT)
        violations.append(watch_csp(context))
        return context.new_page()

    def log_in(username):
        tab = new_tab()
        tab.goto(live_server.url + "/admin/login/")
        tab.get_by_label("Username").fill(username)
        tab.get_by_label("Password").fill(PASSWORD)
        tab.get_by_role("button", name="Sign in").click()
        tab.get_by_label("Code from your app").fill(code_for(username))
        tab.get_by_role("button", name="Continue").click()
        expect(tab).to_have_url(live_server.url + "/admin/", timeout=TIMEOUT)
        return tab

    def visit(path):
        """A visitor who never logged in."""
        tab = new_tab()
        tab.goto(live_server.url + path)
        return tab

    log_in.visitor = visit
    yield log_in
    for context in contexts:
        context.close()
    refused = [violation for seen in violations for violation in seen]
    assert refused == [], "Content-Security-Policy violations:\n" + "\n".join(refused)


@pytest.fixture
def superuser(live_server):
    return with_authenticator(User.objects.create_superuser("admin", "admin@example.org", PASSWORD))
