"""The story database as visitors explore it: filters, facets, sorting and
statistics, computed in a fixed number of queries whatever the story count."""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField, F, Q, StringAgg, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import rendercache

from .models.choices import Jurisdiction

PER_PAGE = 12
SORTS = {
    "newest": ("-exoneration_year", "person_name"),
    "years": ("-years_lost", "person_name"),
    "name": ("person_name",),
}
SORT_LABELS = {
    "newest": _("Newest exoneration"),
    "years": _("Most years lost"),
    "name": pgettext_lazy("sort by", "Name"),
}


class StoryFilterForm(forms.Form):
    """Parses the index's query string. A value that doesn't validate (an
    unknown slug, a malformed or absurdly long value) is simply ignored."""

    theme = forms.SlugField(required=False, max_length=80)
    factor = forms.SlugField(required=False, max_length=80)
    state = forms.ChoiceField(required=False, choices=[("", "Any state"), *Jurisdiction.choices])
    dna = forms.ChoiceField(required=False, choices=[("", "Any"), ("yes", "Yes"), ("no", "No")])
    decade = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    sort = forms.ChoiceField(required=False, choices=list(SORT_LABELS.items()))

    def valid_values(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}


class KnownCountPaginator(Paginator):
    """A paginator told its count, saving the COUNT query the facets already answer."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class StoryListing:
    stories: list
    page: object
    filters: dict
    facets: dict = field(default_factory=dict)
    statistics: dict = field(default_factory=dict)

    @property
    def query_without_page(self):
        """The filters and sort as a query string, for the pagination's links."""
        return urlencode(self.filters)

    @property
    def active_filters(self):
        """How many filters narrow the list (a sort order narrows nothing)."""
        return len([name for name in self.filters if name != "sort"])


def selection(stories, filters):
    """The condition the index's filters (cleaned by StoryFilterForm) put on
    each of `stories`, for the query of the page of stories (`selects` is the
    same test on the story groups)."""
    condition = Q()
    if theme := filters.get("theme"):
        condition &= stories.in_theme(theme)
    if factor := filters.get("factor"):
        condition &= stories.filed_under(factor)
    if state := filters.get("state"):
        condition &= Q(jurisdiction=state)
    if dna := filters.get("dna"):
        condition &= Q(dna_based=dna == "yes")
    if decade := filters.get("decade"):
        decade -= decade % 10
        condition &= Q(exoneration_year__gte=decade, exoneration_year__lt=decade + 10)
    return condition


def listing_key(query):
    """What the listing of a `query` string depends on, as a string: the valid
    filters and the page number in a fixed order, whatever else it carries."""
    filters = StoryFilterForm(query).valid_values()
    return urlencode(sorted({**filters, "page": page_number(query.get("page"))}.items()))


def page_number(raw):
    """The page of a listing asked for by `?page=`: 1 unless a whole number is
    given (`page=abc` means the first page); an absurd number is out of range."""
    raw = str(raw or "1")
    if not (raw.isascii() and raw.isdigit()):
        return 1
    # Past any real page, without parsing thousands of digits.
    return int(raw) if len(raw) < 10 else 10**9


def story_statistics(stories, years_lost, themes, counted="total"):
    """The campaign's figures, computed, never typed in: how many stories, the
    years they lost, and the share of stories touching each theme (`themes`
    annotated by `with_story_counts`: with `total` for every published story, `n` for
    the filtered set)."""
    return {
        "stories": stories,
        "years_lost": years_lost,
        "themes": [
            {
                "theme": theme,
                "share": round(100 * getattr(theme, counted) / stories) if stories else 0,
            }
            for theme in themes
        ],
    }


GROUPED_BY = ("jurisdiction", "dna_based", "decade_start", "filed")


def story_groups(everything):
    """Every published story grouped by state, DNA, decade and the factors it
    is filed under (a frozenset of their ids), with how many stories and
    years lost each group holds: one query, which reads each story and its
    factor links once. The groups are the same whatever a visitor filters,
    so the index keeps them in the shared cache (see `build_listing`)."""
    per_story = (
        everything.annotate(decade_start=F("exoneration_year") - F("exoneration_year") % 10)
        # Grouped by the story alone (its pk), not by every column of its page.
        .values("pk", "jurisdiction", "dna_based", "decade_start", "years_lost")
        .annotate(
            # In no given order: SQLite cannot order inside an aggregate.
            filed=StringAgg(Cast("factors__id", CharField()), Value(","))
        )
        .order_by()
    )
    sql, params = per_story.query.sql_with_params()
    # Django has no grouping over a grouped query: the outer one is written out.
    columns = ", ".join(GROUPED_BY)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, COUNT(*), SUM(years_lost) "  # noqa: S608 - Django's own SQL
            f"FROM ({sql}) AS story GROUP BY {columns}",
            params,
        )
        rows = cursor.fetchall()
    groups = {}
    for state, dna, decade, filed, n, years in rows:
        # The same factors listed in another order are the same group.
        factors = frozenset(int(pk) for pk in (filed or "").split(",") if pk)
        key = (state, bool(dna), decade, factors)
        group = groups.setdefault(key, {"n": 0, "years": Decimal(0)})
        group["n"] += n
        # SQLite sums decimals as floats.
        group["years"] += Decimal(str(years or 0)).quantize(Decimal("0.1"))
    return [
        {"jurisdiction": state, "dna_based": dna, "decade_start": decade, "filed": filed, **group}
        for (state, dna, decade, filed), group in groups.items()
    ]


def selects(filters, factor_rows, theme_rows):
    """`selection`'s condition as a test of a group of `story_groups`."""
    factor = factor_rows[filters["factor"]].pk if "factor" in filters else None
    theme = theme_rows[filters["theme"]].pk if "theme" in filters else None
    in_theme = {f.pk for f in factor_rows.values() if f.theme_id == theme}
    decade = filters.get("decade")
    decade = decade - decade % 10 if decade else None

    def test(group):
        return (
            (theme is None or not in_theme.isdisjoint(group["filed"]))
            and (factor is None or factor in group["filed"])
            and filters.get("state", group["jurisdiction"]) == group["jurisdiction"]
            and ("dna" not in filters or (filters["dna"] == "yes") == group["dna_based"])
            and (decade is None or decade == group["decade_start"])
        )

    return test


def build_listing(everything, factors, themes, query, groups_key=None):
    """The page of `everything` (published stories) that the `query` string
    asks for, with the facets of the `factors` and `themes` that file them.
    With `groups_key`, the story groups are kept under it in the shared cache
    (core.rendercache), so that a listing not asked for before costs only the
    query for its page of stories."""
    factor_rows = {factor.slug: factor for factor in factors}
    theme_rows = {theme.slug: theme for theme in themes}
    filters = StoryFilterForm(query).valid_values()
    # An unknown slug filters nothing: show the list as if it were absent.
    for name, known in (("theme", theme_rows), ("factor", factor_rows)):
        if filters.get(name, "") not in ("", *known):
            del filters[name]

    # One grouped query over every published story gives every facet and the
    # figures of the filtered set. (Counting factors and themes in queries of
    # their own read the thousands of stories again for each count.)
    groups = groups_key and rendercache.fetch(groups_key)
    if groups is None:
        groups = story_groups(everything)
        if groups_key:
            rendercache.store(groups_key, groups)
    selected = selects(filters, factor_rows, theme_rows)
    factor_by_id = {factor.pk: factor for factor in factor_rows.values()}
    theme_by_id = {theme.pk: theme for theme in theme_rows.values()}
    for row in (*factor_by_id.values(), *theme_by_id.values()):
        row.total = row.n = 0
    states, dna, decades, total, years_lost = {}, {"yes": 0, "no": 0}, {}, 0, 0
    for row in groups:
        # A translated story keeps a factor not translated (yet) into its
        # language (taxonomy.localized_factors): no facet of this listing.
        filed = [factor_by_id[pk] for pk in row["filed"] if pk in factor_by_id]
        is_selected = selected(row)
        # A story counts once for a theme, however many of its factors the theme covers.
        reached = filed + [
            theme_by_id[pk] for pk in {f.theme_id for f in filed} if pk in theme_by_id
        ]
        for counted in reached:
            counted.total += row["n"]
            counted.n += row["n"] if is_selected else 0
        if not is_selected:
            continue
        states[row["jurisdiction"]] = states.get(row["jurisdiction"], 0) + row["n"]
        dna["yes" if row["dna_based"] else "no"] += row["n"]
        decades[row["decade_start"]] = decades.get(row["decade_start"], 0) + row["n"]
        total += row["n"]
        years_lost += row["years"]
    statistics = story_statistics(total, years_lost, theme_rows.values(), counted="n")

    ordering = SORTS[filters.get("sort", "newest")]
    paginator = KnownCountPaginator(
        everything.filter(selection(everything, filters)).order_by(*ordering).cards(),
        PER_PAGE,
        total,
    )
    page = paginator.page(page_number(query.get("page")))

    selected_decade = filters.get("decade", 0) - filters.get("decade", 0) % 10
    state_names = dict(Jurisdiction.choices)
    facets = {
        "theme": [
            Facet(slug, t.title, t.n, filters.get("theme") == slug)
            for slug, t in theme_rows.items()
        ],
        "factor": [
            Facet(slug, f.name, f.n, filters.get("factor") == slug)
            for slug, f in factor_rows.items()
        ],
        "state": [
            Facet(code, state_names[code], n, filters.get("state") == code)
            for code, n in sorted(states.items(), key=lambda item: state_names[item[0]])
        ],
        "dna": [
            Facet(value, label, dna[value], filters.get("dna") == value)
            for value, label in (("yes", _("DNA-based")), ("no", _("Not DNA-based")))
        ],
        "decade": [
            # Translators: a decade, as “the 1990s”.
            Facet(str(start), _("%(decade)ss") % {"decade": start}, n, selected_decade == start)
            for start, n in sorted(decades.items())
        ],
    }
    return StoryListing(
        stories=page.object_list, page=page, filters=filters, facets=facets, statistics=statistics
    )
