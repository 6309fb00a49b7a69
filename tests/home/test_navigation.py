"""The header and footer links: edited by staff, cached, and never stale."""

import pytest

from django.core.exceptions import ValidationError

from core.models import FooterLink, HeaderLink, NavigationSettings
from tests.admin import sign_in
from tests.factories import ActionIndexPageFactory, InformationPageFactory, ThemePageFactory
from tests.queries import within_budget

pytestmark = pytest.mark.django_db


def header(client, url="/"):
    html = client.get(url).content.decode()
    return html.split('<nav class="site-nav" aria-label="Main">', 1)[1].split("</nav>", 1)[0]


def test_without_settings_the_header_lists_pages_marked_show_in_menus(client, home):
    ThemePageFactory(parent=home, title="The Evidence", slug="the-evidence", show_in_menus=True)
    ThemePageFactory(parent=home, title="Hidden theme", slug="hidden")
    nav = header(client)
    assert '<a href="/the-evidence/">The Evidence</a>' in nav
    assert "Hidden theme" not in nav


def test_staff_choose_the_links_labels_and_order(client, home):
    act = ActionIndexPageFactory(parent=home)
    settings = NavigationSettings.for_site(home.get_site())
    settings.header_links = [
        HeaderLink(url="https://shop.example.org/", label="Shop", sort_order=1),
        HeaderLink(page=act, label="Act now", sort_order=0),
    ]
    settings.footer_links = [FooterLink(page=act)]
    settings.footer_text = "Run by volunteers."
    settings.save()
    html = client.get("/").content.decode()
    nav = header(client)
    assert nav.index("Act now") < nav.index("Shop")
    assert 'href="https://shop.example.org/"' in nav
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert '<a href="/act/">Take action</a>' in footer
    assert "Run by volunteers." in footer
    assert '<a href="/act/" aria-current="page">Act now</a>' in header(client, "/act/")


def test_the_cached_links_follow_publishing_and_settings(client, home):
    privacy = InformationPageFactory(parent=home, slug="privacy", show_in_menus=True)
    assert "Privacy" in header(client)  # now cached
    privacy.unpublish()
    assert "Privacy" not in client.get("/").content.decode()
    privacy.title = "Your data"
    privacy.save_revision().publish()
    assert "Your data" in header(client)
    settings = NavigationSettings.for_site(home.get_site())
    settings.header_links = [HeaderLink(url="https://x.example/", label="X")]
    settings.save()
    assert "Your data" not in header(client)
    HeaderLink.objects.filter(setting=settings).update(label="Y")
    assert ">X<" in header(client)  # an update that sends no signal waits for the hour
    HeaderLink.objects.get(setting=settings).save()
    assert ">Y<" in header(client)
    HeaderLink.objects.filter(setting=settings).get().delete()
    assert "Your data" in header(client)


def test_a_deleted_page_takes_its_menu_entry_with_it(client, home):
    act = ActionIndexPageFactory(parent=home)
    settings = NavigationSettings.for_site(home.get_site())
    settings.footer_links = [FooterLink(page=act, label="Act")]
    settings.save()
    act.delete()
    assert not FooterLink.objects.exists()
    assert ">Act<" not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "entry, field",
    [
        ({"label": "Nothing"}, "page"),
        ({"url": "https://example.org"}, "label"),
        ({"url": "https://example.org", "label": "Both", "page_id": 1}, "page"),
    ],
)
def test_an_entry_needs_a_page_or_an_address_and_an_address_needs_words(home, entry, field):
    link = FooterLink(setting=NavigationSettings.for_site(home.get_site()), **entry)
    with pytest.raises(ValidationError) as error:
        link.full_clean()
    assert field in error.value.message_dict


def test_the_navigation_costs_no_query_once_cached(client, home):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    NavigationSettings.menus_for(request)
    request = RequestFactory().get("/")
    request._wagtail_site = home.get_site()
    with within_budget(0, "the cached menus"):
        NavigationSettings.menus_for(request)


def test_pages_below_the_home_page_show_where_they_are(client, home):
    from tests.factories import ExonereeStoryPageFactory, StoryIndexPageFactory

    story = ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    html = client.get(story.url).content.decode()
    trail = html.split('<nav class="breadcrumbs wrap" aria-label="Breadcrumb">', 1)[1]
    trail = trail.split("</nav>", 1)[0]
    assert trail.index('href="/">Home') < trail.index('href="/stories/">Stories')
    assert f'href="{story.url}" aria-current="page">{story.title}' in trail
    assert 'aria-label="Breadcrumb"' not in client.get("/").content.decode()


def test_breadcrumbs_cost_no_query_after_routing_and_one_without(home, rf):
    from wagtail.models import Page, Site

    from core.templatetags.navigation_tags import breadcrumbs
    from tests.factories import ExonereeStoryPageFactory, StoryIndexPageFactory

    story = ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    request = rf.get(story.url)
    Site.find_for_request(request).root_page  # noqa: B018 (loaded once per request anyway)
    routed = Page.route_for_request(request, story.url).page
    unrouted = Page.objects.get(pk=story.pk)  # as a form's view loads it: no parent known
    for page, most in ((routed, 0), (unrouted, 1)):
        with within_budget(most, "breadcrumbs"):
            trail = breadcrumbs({"request": request}, page)
        assert [(p.title, p.url) for p in trail] == [(home.title, "/"), ("Stories", "/stories/")]


def test_staff_see_wagtails_userbar_with_its_checker_and_visitors_do_not(client, home, admin_user):
    assert "wagtail-userbar" not in client.get("/").content.decode()
    sign_in(client, admin_user)
    html = client.get("/").content.decode()
    assert "wagtail-userbar" in html
    assert "checker-axe-configuration" in html  # the accessibility checker (axe)
