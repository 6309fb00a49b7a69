"""The admin carries the organisation's name, not the server's host name."""

import pytest

from wagtail.models import Site

from core.models import OrganisationSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    site = Site.objects.get(is_default_site=True)
    settings = OrganisationSettings.for_site(site)
    settings.organisation_name = "Freedom Project"
    settings.save()
    return site


def heading(html):
    return html.split("<h1", 1)[1].split("</h1>", 1)[0]


def test_the_dashboard_and_every_title_name_the_organisation(admin_client, organisation):
    html = admin_client.get("/admin/").content.decode()
    assert "Freedom Project" in heading(html)
    assert organisation.hostname not in heading(html)
    assert "<title>Dashboard - Freedom Project</title>" in html

    pages = admin_client.get("/admin/pages/").content.decode()
    assert "- Freedom Project</title>" in pages


def test_the_sign_in_page_names_the_organisation(client, organisation):
    html = client.get("/admin/login/", follow=True).content.decode()
    assert "Sign in to Freedom Project" in html
    assert "<title>Sign in - Freedom Project</title>" in html


def test_without_a_name_the_admin_uses_the_sites(admin_client, settings):
    settings.WAGTAIL_SITE_NAME = "Wrongful Convictions Campaign"
    html = admin_client.get("/admin/").content.decode()
    assert "<title>Dashboard - Wrongful Convictions Campaign</title>" in html
    assert "Wrongful Convictions Campaign" in heading(html)
    assert "localhost" not in heading(html)
