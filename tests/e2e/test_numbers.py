"""The national figures in a real browser: the numbers page and a theme with
figures pass axe in light and dark mode, on a phone and a desktop, with their
tables open or closed; every chart has its table; nothing needs JavaScript,
nothing spills sideways at 320 px, and the charts print."""

import pytest

from home.models import HomePage
from registry.models import CaseRecord
from registry.samples import sample_records
from stories.models import ContributingFactor
from tests.e2e.axe import assert_accessible
from tests.e2e.shared_site import built_for_the_module
from tests.factories import ExonereeStoryPageFactory, StoryIndexPageFactory, ThemePageFactory
from tests.registry_factories import NumbersPageFactory, figure_block

pytestmark = [
    pytest.mark.browser,
    # The tests only look: the pages are built once (tests/e2e/conftest.py).
    pytest.mark.django_db,
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture(scope="module")
def pages(server, django_db_blocker):
    """The numbers page with every figure, and The Eyewitness with two, over
    1,000 fictional records; a published story so that some numbers link."""
    with built_for_the_module(django_db_blocker):
        home = HomePage.objects.get()
        CaseRecord.objects.bulk_create(sample_records(1000))
        theme = ThemePageFactory(
            parent=home,
            title="The Eyewitness",
            slug="the-eyewitness",
            look="amber",
            body=[figure_block("factor", "MWID"), figure_block("per_year")],
        )
        factor = ContributingFactor.objects.get(slug="mistaken-witness-identification")
        factor.theme = theme
        factor.save()
        index = StoryIndexPageFactory(parent=home)
        ExonereeStoryPageFactory(
            parent=index, person_name="Sam Rivera", factors=[factor], dna_based=True
        )
        yield {"numbers": NumbersPageFactory(parent=home).url, "theme": theme.url}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", ["numbers", "theme"])
def test_figures_have_no_axe_violations(browser, server, pages, name, viewport, scheme):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(server.url + pages[name])

    assert page.locator("svg.chart").count() == (6 if name == "numbers" else 2)
    assert_accessible(page)
    # With every table opened, as a reader who wants the numbers leaves them.
    page.evaluate("document.querySelectorAll('.figure__data').forEach(d => { d.open = true })")
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize("name", ["numbers", "theme"])
def test_every_chart_has_its_table_and_needs_no_javascript(browser, server, pages, name):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + pages[name])

    figures = page.locator(".figure")
    assert figures.count() == page.locator("svg.chart").count() > 0
    for figure in figures.all():
        assert figure.get_by_role("img").count() == 1
        assert figure.locator("table caption").count() == 1
        figure.get_by_text("The numbers as a table").click()
        assert figure.locator("table").is_visible()
        assert figure.get_by_role("link", name="National Registry of Exonerations").is_visible()
    context.close()


def test_the_numbers_link_to_the_stories_they_count(page, server, pages):
    page.goto(server.url + pages["theme"])

    page.get_by_role("link", name="Mistaken witness identification").first.click()

    assert page.url.endswith("/stories/?factor=mistaken-witness-identification")
    assert page.get_by_text("Sam Rivera").first.is_visible()


@pytest.mark.parametrize("name", ["numbers", "theme"])
def test_nothing_spills_sideways_on_a_320_pixel_screen(page, server, pages, name):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(server.url + pages[name])

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # Every label of every chart inside its chart.
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')]
              .filter(t => getComputedStyle(t).display !== 'none')
              .map(t => t.getBoundingClientRect())
              .filter(r => r.left < box.left - 1 || r.right > box.right + 1);
        }).length"""
    )
    assert overflowing == 0


def test_the_numbers_print_with_their_tables(page, server, pages):
    page.goto(server.url + pages["numbers"])
    page.emulate_media(media="print")

    assert page.locator("svg.chart").first.is_visible()
    assert page.locator(".figure__table").first.is_visible()
    assert not page.locator(".site-header").is_visible()
