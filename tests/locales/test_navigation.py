"""The header and footer in Spanish (issue 16): staff give the menus, the
header button's words, the footer text and the share text in Spanish; the
Spanish pages show them, the English pages keep the English, and whatever has
no Spanish falls back to the English with its pages translated."""

import pytest

from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from wagtail.test.utils.form_data import nested_form_data

from core.models import (
    FooterLink,
    HeaderLink,
    NavigationSettings,
    NavigationWording,
    OrganisationSettings,
    OrganisationWording,
)
from tests.admin import sign_in
from tests.factories import (
    ActionIndexPageFactory,
    DonatePageFactory,
    InformationPageFactory,
    ThemePageFactory,
)
from tests.home.test_settings_preview import navigation_data, preview
from tests.locale_factories import spanish, translate
from tests.queries import within_budget
from tests.test_seo import head

pytestmark = pytest.mark.django_db


def part(html, start, end):
    return html.split(start, 1)[1].split(end, 1)[0]


def header(client, url):
    return part(client.get(url).content.decode(), '<header class="site-header">', "</header>")


def footer(client, url):
    return part(client.get(url).content.decode(), '<footer class="site-footer">', "</footer>")


@pytest.fixture
def pages(home):
    """An action index and a donation page translated into Spanish, and an
    about page that is not: (act, donate, about)."""
    act = ActionIndexPageFactory(parent=home)
    donate = DonatePageFactory(parent=act, title="Fund the fight", slug="donate")
    about = InformationPageFactory(parent=home, title="About", slug="about")
    translate(act, title="Actúe")
    translate(donate, title="Financie la lucha")
    return act, donate, about


@pytest.fixture
def navigation(home, pages):
    """The navigation with its English menus, button and footer text."""
    act, donate, about = pages
    navigation = NavigationSettings.for_site(home.get_site())
    navigation.button_page = donate
    navigation.button_label = "Donate"
    navigation.footer_text = "Run by volunteers."
    navigation.header_links = [
        HeaderLink(page=act, label="Act now", sort_order=0),
        HeaderLink(page=about, label="About us", sort_order=1),
        HeaderLink(url="https://shop.example.org/", label="Shop", sort_order=2),
    ]
    navigation.footer_links = [FooterLink(page=about, sort_order=0)]
    navigation.save()
    return navigation


def test_spanish_pages_show_the_spanish_menus_button_and_footer_text(client, navigation, pages):
    act, __, __ = pages
    navigation.header_links.add(
        HeaderLink(language="es", page=act, label="Actúe ahora", sort_order=3),
        HeaderLink(language="es", url="https://tienda.example.org/", label="Tienda", sort_order=4),
    )
    navigation.footer_links.add(
        FooterLink(language="es", url="https://prensa.example.org/", label="Prensa", sort_order=1)
    )
    navigation.wordings = [
        NavigationWording(language="es", button_label="Done", footer_text="Lo llevan voluntarios.")
    ]
    navigation.save()

    spanish = header(client, "/es/")
    assert '<a href="/es/act/">Actúe ahora</a>' in spanish
    assert '<a href="https://tienda.example.org/">Tienda</a>' in spanish
    assert "Act now" not in spanish and "Shop" not in spanish and "About" not in spanish
    assert '<a class="button site-header__button" href="/es/act/donate/">Done</a>' in spanish
    spanish = footer(client, "/es/")
    assert '<a href="https://prensa.example.org/">Prensa</a>' in spanish
    assert "Lo llevan voluntarios." in spanish and "About" not in spanish

    english = header(client, "/")
    assert '<a href="/act/">Act now</a>' in english and "Actúe" not in english
    assert '<a class="button site-header__button" href="/act/donate/">Donate</a>' in english
    english = footer(client, "/")
    assert '<a href="/about/">About</a>' in english
    assert "Run by volunteers." in english and "Prensa" not in english


def test_a_language_without_its_own_falls_back_with_pages_translated(client, navigation):
    spanish = header(client, "/es/")
    # Translated: the translation, under its title; not: the English words.
    assert '<a href="/es/act/">Actúe</a>' in spanish
    assert '<a href="/about/">About us</a>' in spanish
    assert '<a href="https://shop.example.org/">Shop</a>' in spanish
    assert '<a class="button site-header__button" href="/es/act/donate/">Financie la lucha</a>' in (
        spanish
    )
    spanish = footer(client, "/es/")
    assert '<a href="/about/">About</a>' in spanish
    assert "Run by volunteers." in spanish


def test_without_entries_each_language_lists_its_pages_shown_in_menus(client, home):
    theme = ThemePageFactory(parent=home, title="The Evidence", slug="the-evidence")
    theme.show_in_menus = True
    theme.save_revision().publish()
    translate(theme, title="La evidencia")
    assert '<a href="/es/the-evidence/">La evidencia</a>' in header(client, "/es/")
    assert '<a href="/the-evidence/">The Evidence</a>' in header(client, "/")


def test_a_spanish_page_shares_the_spanish_text(client, home, pages):
    organisation = OrganisationSettings.for_site(home.get_site())
    organisation.share_text = "We free the wrongly convicted."
    organisation.save()
    spanish_act = pages[0].get_translation(spanish())
    assert head(client, spanish_act.url).meta["description"] == "We free the wrongly convicted."
    OrganisationWording.objects.create(
        setting=organisation, language="es", share_text="Liberamos a personas inocentes."
    )
    assert head(client, spanish_act.url).meta["description"] == "Liberamos a personas inocentes."
    assert head(client, "/act/").meta["description"] == "We free the wrongly convicted."


def test_editing_the_settings_refreshes_both_languages_cached_menus(
    client, home, pages, navigation
):
    assert ">Donate<" in header(client, "/")  # both cached now
    assert ">Financie la lucha<" in header(client, "/es/")
    site = home.get_site()
    keys = [NavigationSettings.cache_key(site.pk, code) for code in ("en", "es")]
    assert len(cache.get_many(keys)) == 2

    wording = NavigationWording.objects.create(
        setting=navigation, language="es", button_label="Done"
    )
    assert ">Done<" in header(client, "/es/")
    navigation.button_label = "Give"
    navigation.save()
    assert ">Give<" in header(client, "/")
    assert ">Done<" in header(client, "/es/")
    HeaderLink.objects.create(setting=navigation, language="es", url="https://x.es/", label="Equis")
    assert ">Equis<" in header(client, "/es/") and ">Equis<" not in header(client, "/")
    wording.delete()
    assert ">Financie la lucha<" in header(client, "/es/")
    # Publishing a page forgets every language's menus: the new Spanish page
    # replaces, in the English footer entry, the English one it translates.
    translate(pages[2], title="Quiénes somos")
    assert '<a href="/es/about/">Quiénes somos</a>' in footer(client, "/es/")
    assert '<a href="/about/">About</a>' in footer(client, "/")


def test_the_spanish_menus_cost_no_query_once_cached(home, navigation):
    request = RequestFactory().get("/es/")
    request._wagtail_site = home.get_site()
    with translation.override("es"):
        first = NavigationSettings.menus_for(request)
        with within_budget(0, "the cached Spanish menus"):
            assert NavigationSettings.menus_for(request) == first
    assert first["button"] == ("Financie la lucha", "/es/act/donate/")


def test_staff_give_the_spanish_menu_and_words_and_preview_them(client, home, pages, admin_user):
    act, donate, __ = pages
    sign_in(client, admin_user)
    site = home.get_site()
    data = navigation_data(
        header=[
            {"page": act.pk, "url": "", "label": "Act now"},
            {"language": "es", "page": act.pk, "url": "", "label": "Actúe ahora"},
        ],
        text="Run by volunteers.",
        wordings=[{"language": "es", "button_label": "Done", "footer_text": "Voluntarios."}],
    )
    data.update(button_page=donate.pk, button_label="Donate")

    spanish = preview(client, NavigationSettings, site, data, mode="home-es")
    assert '<html lang="es">' in spanish
    assert '<a href="/es/act/">Actúe ahora</a>' in spanish and ">Done</a>" in spanish
    assert "Voluntarios." in spanish and "Act now" not in spanish
    english = preview(client, NavigationSettings, site, data)
    assert '<a href="/act/">Act now</a>' in english and ">Donate</a>" in english
    assert "Actúe ahora" not in client.get("/es/").content.decode()  # not saved yet

    url = reverse("wagtailsettings:edit", args=["core", "navigationsettings", site.pk])
    assert client.post(url, nested_form_data(data)).status_code == 302
    client.logout()
    assert '<a href="/es/act/">Actúe ahora</a>' in header(client, "/es/")
    assert '<a href="/act/">Act now</a>' in header(client, "/")


def test_a_language_has_one_wording(client, home, admin_user):
    sign_in(client, admin_user)
    url = reverse("wagtailsettings:edit", args=["core", "navigationsettings", home.get_site().pk])
    wordings = [{"language": "es", "button_label": "Done", "footer_text": ""}] * 2
    data = navigation_data(wordings=wordings)

    response = client.post(url, nested_form_data(data))

    assert response.status_code == 200
    assert not NavigationWording.objects.exists()
