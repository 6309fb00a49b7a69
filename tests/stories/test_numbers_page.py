"""“The numbers” and the Registry figure block: each figure states its
finding, draws its chart with a title and a description, gives its numbers
as a table, names its source and the date of the import, and links each
number to the stories filtered the same way where published stories are."""

import re

import pytest

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import HomePage
from stories.blocks import RegistryFigureBlock
from stories.models import ContributingFactor, NumbersPage, ThemePage
from tests.factories import (
    ExonereeStoryPageFactory,
    StoryIndexPageFactory,
    ThemePageFactory,
)
from tests.registry_factories import CaseRecordFactory, NumbersPageFactory, figure_block

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    """Ten records: 3 with mistaken identification (2 of them DNA), 4 in
    Texas, every one with official misconduct."""
    for n in range(10):
        CaseRecordFactory(
            mistaken_identification=n < 3,
            dna=n < 2,
            official_misconduct=True,
            state="Texas" if n < 4 else "Illinois",
            worst_crime="Robbery" if n < 6 else "Murder",
            exoneration_year=2000 + n,
        )


@pytest.fixture
def numbers(home):
    return NumbersPageFactory(parent=home)


def figures_in(html):
    return re.findall(r'<h2 class="figure__finding"[^>]*>([^<]*)</h2>', html)


def test_the_numbers_page_shows_every_figure_with_its_finding(client, records, numbers):
    response = client.get(numbers.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert figures_in(html) == [
        "Exonerations peaked in 2009, when 1 person was exonerated",
        "Official misconduct played a part in 100% of exonerations",
        "Exonerees lost 145 years between conviction and exoneration; "
        "half of them lost 14.5 years or more",
        "DNA evidence was central in 20% of exonerations; the other 80% were won without it",
        "Illinois counts the most exonerations: 6, 60% of all",
        "60% of exonerations undid a conviction for robbery",
    ]
    totals = re.sub(r"\s+", " ", html[html.index("numbers__totals") :])
    assert "Exonerations on record</dt> <dd> 10 </dd>" in totals
    assert "Median years lost</dt> <dd> 14.5 </dd>" in totals


def test_every_chart_is_a_named_image_with_its_table_source_and_date(client, records, numbers):
    html = client.get(numbers.url).content.decode()

    charts = re.findall(r'<svg class="chart" role="img" aria-labelledby="([^"]+)"', html)
    assert len(charts) == 6
    for labelled_by in charts:
        title, desc = labelled_by.split()
        assert f'<title id="{title}">' in html
        assert f'<desc id="{desc}">' in html
    assert html.count('<table class="figure__table">') == 6
    assert html.count("<caption>") == 6
    assert html.count('<th scope="col">') >= 12
    assert html.count("National Registry of Exonerations</a>, data imported") == 6
    # Nothing the strict CSP would refuse.
    assert " style=" not in html
    assert "<style" not in html


def test_staff_choose_the_figures_and_a_factors_share(client, records, home):
    page = NumbersPageFactory(
        parent=home,
        figures=[figure_block("factor", "MWID"), figure_block("dna")],
    )

    html = client.get(page.url).content.decode()

    assert figures_in(html) == [
        "Mistaken witness identification played a part in 30% of exonerations",
        "DNA evidence was central in 20% of exonerations; the other 80% were won without it",
    ]
    assert "3 of the 10 exonerations on record involved mistaken witness identification." in html


def test_without_records_the_page_says_the_data_is_not_imported_yet(client, numbers):
    html = client.get(numbers.url).content.decode()

    assert figures_in(html) == []
    assert "has not been imported yet" in html


def test_numbers_link_to_the_stories_filtered_the_same_way_where_published_ones_are(
    client, records, numbers, home
):
    index = StoryIndexPageFactory(parent=home)
    mistaken = ContributingFactor.objects.get(slug="mistaken-witness-identification")
    ExonereeStoryPageFactory(parent=index, factors=[mistaken], dna_based=True, jurisdiction="TX")
    # A draft links nothing: its factor, state and DNA show no published story.
    misconduct = ContributingFactor.objects.get(slug="official-misconduct")
    draft = ExonereeStoryPageFactory(parent=index, factors=[misconduct], jurisdiction="IL")
    draft.unpublish()

    html = client.get(numbers.url).content.decode()

    assert '<a href="/stories/?factor=mistaken-witness-identification">' in html
    assert '<a href="/stories/?dna=yes">' in html
    assert '<a href="/stories/?state=TX">' in html
    assert "?factor=official-misconduct" not in html
    assert "?dna=no" not in html
    assert "?state=IL" not in html


def test_the_factors_are_named_and_grouped_as_the_site_files_them(client, records, numbers, home):
    evidence = ThemePageFactory(parent=home, title="The Evidence")
    prosecution = ThemePageFactory(parent=home, title="The Prosecution")
    for factor in ContributingFactor.objects.all():
        factor.theme = evidence if factor.slug.startswith("false-or") else prosecution
        factor.save()
    ContributingFactor.objects.filter(slug="official-misconduct").update(name="Misconduct")

    html = client.get(numbers.url).content.decode()

    chart = html[html.index("Contributing factors in exonerations</title>") :]
    chart = chart[: chart.index("</svg>")]
    groups = re.findall(r'class="chart__group"[^>]*>([^<]*)<', chart)
    assert groups == ["The Evidence", "The Prosecution"]
    assert ">Misconduct<" in chart
    assert "look-" in chart


def test_a_theme_places_a_figure_in_its_body(client, records, home):
    theme = ThemePageFactory(parent=home, body=[figure_block("factor", "MWID")])

    html = client.get(theme.url).content.decode()

    assert figures_in(html) == [
        "Mistaken witness identification played a part in 30% of exonerations"
    ]


def test_a_story_places_a_figure_in_its_body(client, records, home):
    index = StoryIndexPageFactory(parent=home)
    story = ExonereeStoryPageFactory(parent=index, body=[figure_block("years_lost")])

    html = client.get(story.url).content.decode()

    assert len(figures_in(html)) == 1
    assert "Years between conviction and exoneration</title>" in html


def test_the_block_asks_for_the_factor_of_a_factors_share():
    block = RegistryFigureBlock()

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"figure": "factor", "factor": ""}))
    assert block.clean(block.to_python({"figure": "dna", "factor": ""}))["figure"] == "dna"


def test_one_numbers_page_under_the_home_page(admin_client):
    home = HomePage.objects.get()
    assert NumbersPage.can_create_at(home)
    assert not NumbersPage.can_create_at(ThemePageFactory(parent=home))
    response = admin_client.post(
        f"/admin/pages/add/stories/numberspage/{home.pk}/",
        nested_form_data(
            {
                "title": "The numbers",
                "slug": "the-numbers",
                "intro": "The national picture.",
                "figures": streamfield([("registry_figure", {"figure": "factor", "factor": "FC"})]),
            }
        ),
    )
    assert response.status_code == 302
    page = NumbersPage.objects.get()
    assert page.chosen_figures() == [("factor", "FC")]
    assert not NumbersPage.can_create_at(home)  # max_count


def test_staff_place_a_figure_in_a_theme_from_the_admin(admin_client, home):
    theme = ThemePageFactory(parent=home)

    response = admin_client.get(f"/admin/pages/{theme.pk}/edit/")

    assert response.status_code == 200
    assert "Registry figure" in response.content.decode()
    assert ThemePage.objects.get(pk=theme.pk)


def test_numbers_csv_holds_the_figures_as_open_data(client, records):
    response = client.get("/numbers.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "s-maxage" in response["Cache-Control"]
    rows = [line.split(",") for line in response.content.decode().splitlines()]
    assert rows[0] == ["figure", "label", "count", "share", "source_date"]
    figures = {row[0] for row in rows[1:]}
    assert figures == {
        "exonerations",
        "years_lost_total",
        "median_years_lost",
        "per_year",
        "factors",
        "years_lost",
        "dna",
        "states",
        "crimes",
    }
    assert rows[1][:4] == ["exonerations", "Exonerations on record", "10", ""]
    assert rows[3][:4] == ["median_years_lost", "Median years lost", "14.5", ""]
    assert next(r for r in rows if r[0] == "dna")[:4] == ["dna", "DNA central", "2", "0.2000"]


def test_numbers_csv_without_records_has_its_header_alone(client):
    assert client.get("/numbers.csv").content.decode() == (
        "figure,label,count,share,source_date\r\n"
    )
