"""The Registry's national figures on the site's pages: each number linked to
the story index filtered the same way where published stories are there, the
factors named and grouped as the site files them (under its themes), the
pages that show figures forgotten by the caches when an import finishes, and
/numbers.csv.

The figures themselves are the registry app's (registry.figures); this module
adds what only the stories app knows."""

import csv
import io
from functools import cached_property
from itertools import count
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from wagtail.models import Site

from core import purging, rendercache
from core.locales import current_language
from core.pagecache import shared
from core.spreadsheets import text_cell
from registry.figures import FigureKind, NationalFigures

from .models import ContributingFactor, ExonereeStoryPage, NumbersPage, StoryIndexPage
from .models.choices import Jurisdiction

# The Registry names states in full ("Illinois"), as the index's labels do.
STATE_CODES = Jurisdiction.by_english_name() | {"Federal courts": Jurisdiction.FEDERAL}

# Where a factor with no theme is listed in the grouped figure.
NO_THEME = gettext_lazy("Not filed under a theme")


def national_figures(request=None):
    """The national figures, once per request however many are shown, with
    which values of the story index's filters select published stories
    (StoryQuerySet.filter_values), read in the same query."""
    figures = getattr(request, "_national_figures", None)
    if figures is None:
        language = current_language()
        stories = ExonereeStoryPage.objects.published().in_locale(language)
        figures = NationalFigures(**stories.filter_values())
        # The same for every page that shows a figure, until an import or a
        # story changes (both start a new generation): read once, not per page.
        if rendercache.applies(request):
            key = f"rendercache:figures:{language}"
            found = rendercache.fetch(key, request)
            if found is None:
                found = rendercache.store(key, figures.data, request)
            figures.data = found
        if request is not None:
            request._national_figures = figures
    return figures


class StoryLinks:
    """Links from figures to the story index at `url`, filtered as each row
    is, where that shows any published story (`values`: the summary of the
    national figures, which holds StoryQuerySet.filter_values)."""

    def __init__(self, url, values):
        self.url = url
        self.values = values

    @cached_property
    def factor_slugs(self):
        """The slug of each factor that files a published story, by its code."""
        pairs = (pair.partition(" ") for pair in (self.values["story_factors"] or "").split(","))
        return {code: slug for code, __, slug in pairs if slug}

    def selects_stories(self, name, value):
        if name == "factor":
            return value in self.factor_slugs.values()
        found = {"state": "story_states", "dna": "story_dna"}
        return value in (self.values[found[name]] or "").split(",")

    def href(self, selects):
        """The address for a row's `selects`, or None."""
        name, value = selects
        if name == "factor":
            value = self.factor_slugs.get(value)
        elif name == "state":
            value = STATE_CODES.get(value)
        if value and self.selects_stories(name, value):
            return f"{self.url}?{urlencode({name: value})}"
        return None


def story_index_for(request, page=None):
    """The story index a page's figures link to: a story's own (its parent,
    read already), else the site's live one."""
    if isinstance(page, ExonereeStoryPage):
        parent = page.get_parent()
        if parent is not None and issubclass(parent.specific_class, StoryIndexPage):
            return parent
    return StoryIndexPage.for_request(request)


def chart_id(request=None):
    """An id for the next chart of the page: unique in it, and the same
    each time the page is rendered (a cached fragment keeps its ids)."""
    if request is None:
        return "figure-1"
    if not hasattr(request, "_chart_ids"):
        request._chart_ids = count(1)
    return f"figure-{next(request._chart_ids)}"


def site_factors(request=None):
    """The contributing factors in the request's language with their themes,
    once per request."""
    factors = getattr(request, "_figure_factors", None)
    if factors is None:
        factors = ContributingFactor.objects.in_locale(current_language())
        factors = list(factors.select_related("theme"))
        if request is not None:
            request._figure_factors = factors
    return factors


def by_code(factors):
    """`factors` by the Registry's code for each (`registry_code`)."""
    return {factor.registry_code: factor for factor in factors if factor.registry_code}


def link_rows(figure, links):
    """Give each row of `figure` its link to the stories, where there are any."""
    for row in figure.rows:
        if row.selects is not None:
            row.href = links.href(row.selects)


def group_by_theme(figure, factors):
    """Name each factor row as the site names the factor, and list the rows
    under the themes that cover them, the themes in the site's order."""
    coded = by_code(factors)
    for row in figure.rows:
        factor = coded.get(row.selects[1])
        if factor is None:
            continue
        row.label = factor.name
        if factor.theme is not None:
            row.group, row.look = factor.theme.title, factor.theme.look
    no_theme = str(NO_THEME)  # in the request's language
    order = {}
    for factor in factors:
        if factor.theme is not None:
            order.setdefault(factor.theme.title, (factor.theme.path, factor.theme.title))
    figure.rows.sort(key=lambda row: (order.get(row.group, ("~", no_theme)), -row.count))
    for row in figure.rows:
        row.group = row.group or no_theme


def shown_figure(request, kind, factor=None, *, page=None, linked=True):
    """The figure of `kind` as `page` shows it: the factors grouped under
    their themes, and, if `linked`, linked to the stories. None when there
    are no records."""
    figures = national_figures(request)
    figure = figures.figure(kind, factor)
    if figure is None:
        return None
    if kind == FigureKind.FACTORS:
        group_by_theme(figure, site_factors(request))
    if linked and (index := story_index_for(request, page)) is not None:
        link_rows(figure, StoryLinks(index.url, figures.summary))
    return figure


def urls_showing_figures():
    """The full addresses of every page that shows figures, and /numbers.csv
    in every language on every site."""
    urls = {url for page in NumbersPage.pages_with_figures() if (url := page.get_full_url())}
    for code, __ in settings.LANGUAGES:
        with translation.override(code):
            path = reverse("numbers_csv")
        urls |= {site.root_url + path for site in Site.objects.all()}
    return urls


def forget_figures(**kwargs):
    """registry_imported: forget, in the page cache and at the edge, every
    address that shows figures, and the fragments of the render cache (whose
    generation is all it can forget) once the import is committed."""
    purging.forget(urls_showing_figures())
    rendercache.forget_everything()


CSV_COLUMNS = ("figure", "label", "count", "share", "source_date")


def csv_number(value):
    """A number as data, in no language's format: 9.5, never 9,5 or 1,000."""
    if value is None:
        return ""
    return f"{round(value, 1):.1f}".removesuffix(".0")


def figure_rows(request=None):
    """Each row of every figure, then the totals, as the CSV's records."""
    figures = national_figures(request)
    if not figures.total:
        return
    date = timezone.localdate(figures.data_date).isoformat()
    totals = [
        ("exonerations", "Exonerations on record", figures.total),
        ("years_lost_total", "Years lost between conviction and exoneration", figures.years_lost),
        ("median_years_lost", "Median years lost", csv_number(figures.median_years_lost)),
    ]
    for key, label, value in totals:
        yield key, label, value, "", date
    for kind in FigureKind:
        if kind == FigureKind.FACTOR:
            continue  # each factor is in FACTORS already
        figure = shown_figure(request, kind, linked=False)
        for row in figure.rows:
            share = "" if row.share is None else f"{row.share:.4f}"
            yield kind.value, row.label, row.count, share, date


@require_safe
@shared
def numbers_csv(request):
    """The national figures as open data: counts and shares, never a case."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in figure_rows(request):
        writer.writerow([text_cell(str(value)) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="numbers.csv"'
    # Public data without credentials: any site may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response
