"""The language switcher, the hreflang alternates, <html lang> and one
sitemap per language (issue 16)."""

import re

import pytest

from tests.factories import InformationPageFactory

pytestmark = pytest.mark.django_db

ALTERNATE = re.compile(r'<link rel="alternate"\s+hreflang="([^"]+)"\s+href="([^"]+)">')


def switcher(html):
    found = re.search(r'<nav class="language-switcher"[^>]*>(.*?)</nav>', html, re.S)
    return found and re.findall(r"<a [^>]*>[^<]*</a>", found.group(1))


def test_a_page_links_to_its_translation_with_lang_and_hreflang(client, both_languages):
    english, spanish = both_languages
    html = client.get(english.url).content.decode()

    (link,) = switcher(html)
    assert f'href="{spanish.url}"' in link
    assert 'lang="es"' in link and 'hreflang="es"' in link
    assert link.endswith(">Español</a>")
    assert '<html lang="en">' in html

    html = client.get(spanish.url).content.decode()
    (link,) = switcher(html)
    assert f'href="{english.url}"' in link and 'lang="en"' in link
    assert '<html lang="es">' in html


def test_an_untranslated_page_links_to_the_other_language_home(client, both_languages, home):
    page = InformationPageFactory(parent=home, body="<p>Only in English.</p>")
    (link,) = switcher(client.get(page.url).content.decode())
    assert 'href="/es/"' in link


def test_no_switcher_before_there_is_a_spanish_home(client, home):
    assert switcher(client.get(home.url).content.decode()) is None


def test_hreflang_alternates_name_each_translation_and_english_as_default(client, both_languages):
    english, spanish = both_languages
    for page in (english, spanish):
        html = client.get(page.url).content.decode()
        links = dict(ALTERNATE.findall(html))
        assert links == {
            "en": english.get_full_url(),
            "es": spanish.get_full_url(),
            "x-default": english.get_full_url(),
        }


def test_each_language_has_its_own_sitemap(client, both_languages):
    english, spanish = both_languages
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-en.xml</loc>" in index and "/sitemap-es.xml</loc>" in index

    in_english = client.get("/sitemap-en.xml").content.decode()
    in_spanish = client.get("/sitemap-es.xml").content.decode()
    assert english.url in in_english and "/es/" not in in_english
    assert spanish.url in in_spanish
    assert f"<loc>{english.get_full_url()}</loc>" not in in_spanish
    assert client.get("/sitemap-fr.xml").status_code == 404


def test_the_header_and_the_404_lead_to_the_home_page_in_their_language(client, both_languages):
    english, spanish = both_languages
    header = re.compile(r'<a class="site-header__name" href="([^"]+)"')
    assert header.search(client.get(english.url).content.decode()).group(1) == "/"
    assert header.search(client.get(spanish.url).content.decode()).group(1) == "/es/"
    missing = client.get("/es/no-existe/")
    assert missing.status_code == 404
    assert '<a href="/es/">' in missing.content.decode()
