"""Spanish pages stay within the public pages' query budget (12), as English
ones do (tests/test_query_counts.py measures the whole site in English), with
the header and footer given in both languages."""

import pytest

from core.models import (
    FooterLink,
    HeaderLink,
    NavigationSettings,
    NavigationWording,
    OrganisationSettings,
    OrganisationWording,
)
from tests.test_query_counts import queries_per_page

pytestmark = pytest.mark.django_db


def menus_in_both_languages(home, english, theme):
    """Header and footer entries in each language, the header button and the
    words staff give in Spanish: what the Spanish header and footer show."""
    navigation = NavigationSettings(
        site=home.get_site(), button_page=theme, button_label="Read", footer_text="Volunteers."
    )
    navigation.header_links = [
        HeaderLink(page=theme, label="The Eyewitness", sort_order=0),
        HeaderLink(language="es", page=theme, sort_order=1),
        HeaderLink(language="es", page=english, label="Una historia", sort_order=2),
    ]
    navigation.footer_links = [FooterLink(page=english.get_parent(), sort_order=0)]
    navigation.wordings = [NavigationWording(language="es", button_label="Lea", footer_text="Ví.")]
    navigation.save()
    organisation = OrganisationSettings(site=home.get_site(), share_text="A campaign.")
    organisation.wordings = [OrganisationWording(language="es", share_text="Una campaña.")]
    organisation.save()


def test_spanish_pages_stay_within_the_query_budget(client, home, both_languages):
    english, spanish = both_languages
    index, theme = spanish.get_parent(), spanish.factors.get().theme
    menus_in_both_languages(home, english, english.factors.get().theme)
    urls = [
        "/es/",
        index.url,
        f"{index.url}?factor=identificacion-erronea&sort=years",
        spanish.url,
        theme.url,
        "/es/search/?q=Historiaespañola",
        english.url,
        "/",
    ]
    counts = queries_per_page(client, urls)
    print("\nqueries per Spanish page:", counts)
    assert counts["/es/"] == counts["/"]
    assert counts[spanish.url] == counts[english.url]
    html = client.get("/es/").content.decode()
    assert f'<a href="{theme.url}">El testigo</a>' in html  # the menus are Spanish
    assert ">Lea</a>" in html and "Ví." in html and 'content="Una campaña."' in html
