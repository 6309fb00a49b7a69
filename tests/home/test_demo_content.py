import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, PageLogEntry, Revision, Site

from home.demo import HOME
from home.management.commands.load_demo_content import DEV_ADMIN_USERNAME
from home.models import HomePage
from stories.demo import THEMES
from stories.models import ContributingFactor, ThemePage

pytestmark = pytest.mark.django_db


def load_demo_content():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def snapshot():
    """Everything the demo command may create or change."""
    return {
        "pages": list(Page.objects.values_list("pk", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
        "users": list(get_user_model().objects.values_list("username", "password")),
        "factors": list(ContributingFactor.objects.values_list("slug", "theme_id")),
    }


def test_builds_the_home_page_and_site(settings):
    settings.DEBUG = False
    load_demo_content()

    home = HomePage.objects.get()
    assert home.live
    assert home.title == HOME["title"]
    assert home.intro == HOME["intro"]
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk


def test_builds_the_three_theme_explainers_and_maps_factors_to_them(settings):
    settings.DEBUG = False
    load_demo_content()

    home = HomePage.objects.get()
    themes = ThemePage.objects.child_of(home).live()
    assert {theme.title for theme in themes} == {
        "The Evidence",
        "The Eyewitness",
        "The Prosecution",
    }
    for theme in themes:
        mapped = set(theme.factors.values_list("slug", flat=True))
        assert mapped == set(THEMES[theme.slug]["factors"])
    assert ContributingFactor.objects.get(slug="inadequate-legal-defense").theme is None


def test_a_second_run_changes_and_duplicates_nothing(settings):
    settings.DEBUG = True
    load_demo_content()
    before = snapshot()

    output = load_demo_content()

    assert snapshot() == before
    assert "nothing changed" in output


def test_it_rebuilds_a_site_that_lost_its_home_page(settings):
    settings.DEBUG = False
    Site.objects.all().delete()
    HomePage.objects.all().delete()

    load_demo_content()

    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_dev_gets_a_local_admin_account_and_is_told_how_to_log_in(settings):
    settings.DEBUG = True

    output = load_demo_content()

    assert get_user_model().objects.get(username=DEV_ADMIN_USERNAME).is_superuser
    assert "username admin" in output


def test_production_never_gets_an_admin_account(settings):
    settings.DEBUG = False

    output = load_demo_content()

    assert not get_user_model().objects.exists()
    assert "password" not in output
