"""Which stories and themes turn readers into signers: their views (the daily
figures) beside the signatures attributed to them (a signature's source page),
over a period, in SQL: one query for all the stories, one for all the themes,
whatever their number.

What counts for whom:

- a story's signatures are those whose source page is the story;
- a theme's are those whose source is the theme explainer itself or a story
  filed under one of its factors, and its views are the explainer's and
  those stories' views, so that its rate divides like by like. A story filed
  under two themes counts for both; under two factors of one theme, once.

Only petitions record signatures (actions.Signature); letters and sign-ups are
counted by the actions' own dashboard panel."""

from django.conf import settings
from django.db.models import Count, F, Func, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from actions.models import Signature
from stories.models import ExonereeStoryPage, ThemePage

from .models import DailyPageViews, DailyViewSource
from .periods import rate

# A rate over fewer views says more about chance than about the story: such
# stories are listed by their views but not ranked by their rate.
FEWEST_VIEWS_RANKED = 20


def _total(queryset, function, field):
    """One number from `queryset` as a subquery (SUM or COUNT without a
    GROUP BY), 0 when it has no rows."""
    value = queryset.order_by().annotate(
        total=Func(F(field), function=function, output_field=IntegerField())
    )
    return Coalesce(Subquery(value.values("total")[:1]), 0)


def signatures_in(period):
    return Signature.objects.filter(created_at__gte=period.starts, created_at__lt=period.ends)


def _filed_under_theme():
    """The stories filed under the outer query's theme, by their factors."""
    filed = ExonereeStoryPage.factors.through.objects.filter(
        contributingfactor__theme=OuterRef(OuterRef("pk"))
    )
    return filed.values("exonereestorypage")


class Attributed:
    """A page's figures over a period: views, about how many people,
    signatures, and the rate."""

    def __init__(self, row):
        self.pk = row["pk"]
        self.title = row["title"]
        self.views = row["views"]
        self.visitors = row.get("visitors", 0)
        self.signatures = row["signatures"]
        self.rate = rate(self.signatures, self.views)

    @property
    def ranked(self):
        return self.views >= FEWEST_VIEWS_RANKED


def stories(period):
    """Every story read or signed from in `period`, most read first: one query."""
    views = DailyPageViews.objects.within(period).filter(page=OuterRef("pk"))
    signed = signatures_in(period).filter(source_page=OuterRef("pk"))
    rows = (
        ExonereeStoryPage.objects.annotate(
            views=_total(views, "SUM", "views"),
            visitors=_total(views, "SUM", "visitors"),
            signatures=_total(signed, "COUNT", "pk"),
        )
        .filter(Q(views__gt=0) | Q(signatures__gt=0))
        .order_by("-views", "-signatures", "title")
        .values("pk", "title", "views", "visitors", "signatures")
    )
    return [Attributed(row) for row in rows]


def by_rate(rows):
    """The rows read often enough to rank, best rate first."""
    return sorted((row for row in rows if row.ranked), key=lambda row: (-row.rate, row.title))


def themes(period):
    """Every theme explainer with its own and its stories' figures in
    `period` (see the module's docstring), best rate first: one query."""
    mine = Q(page=OuterRef("pk")) | Q(page__in=_filed_under_theme())
    views = DailyPageViews.objects.within(period).filter(mine)
    signed = signatures_in(period).filter(
        Q(source_page=OuterRef("pk")) | Q(source_page__in=_filed_under_theme())
    )
    rows = (
        ThemePage.objects.annotate(
            views=_total(views, "SUM", "views"),
            signatures=_total(signed, "COUNT", "pk"),
        )
        .order_by("title")
        .values("pk", "title", "views", "signatures")
    )
    found = [Attributed(row) for row in rows]
    return sorted(found, key=lambda row: (row.rate is None, -(row.rate or 0), row.title))


def by_day(period, pages=None):
    """Views and signatures on each day of `period`, with the day's rate,
    for the whole site or for `pages` (a queryset or list of page ids): two
    queries."""
    views = DailyPageViews.objects.within(period)
    signed = signatures_in(period)
    if pages is not None:
        views, signed = views.filter(page__in=pages), signed.filter(source_page__in=pages)
    viewed = dict(views.views_by("day"))
    day = TruncDate("created_at", tzinfo=timezone.get_current_timezone())
    signed = dict(
        signed.annotate(day=day).values("day").annotate(n=Count("pk")).values_list("day", "n")
    )
    return [
        {
            "day": each,
            "views": viewed.get(each, 0),
            "signatures": signed.get(each, 0),
            "rate": rate(signed.get(each, 0), viewed.get(each, 0)),
        }
        for each in period.dates
    ]


def stories_by_day(period):
    """Each story's views and signatures on each day of `period` it was read
    or signed from, by day then title: two queries."""
    views = (
        DailyPageViews.objects.within(period)
        .filter(page__in=ExonereeStoryPage.objects.all())
        .values_list("page", "page__title", "day")
        .annotate(n=Sum("views"))
    )
    day = TruncDate("created_at", tzinfo=timezone.get_current_timezone())
    signed = (
        signatures_in(period)
        .filter(source_page__in=ExonereeStoryPage.objects.all())
        .annotate(day=day)
        .values_list("source_page", "source_page__title", "day")
        .annotate(n=Count("pk"))
    )
    found = {}
    for page, title, each, n in views:
        found[(each, title, page)] = [n, 0]
    for page, title, each, n in signed:
        found.setdefault((each, title, page), [0, 0])[1] = n
    return [
        {"day": each, "title": title, "views": n, "signatures": s, "rate": rate(s, n)}
        for (each, title, __), (n, s) in sorted(found.items())
    ]


def totals(period):
    """The site's views and signatures in `period` and in the one before it:
    two queries."""
    previous = period.previous
    views = DailyPageViews.objects.within(type(period)(period.days * 2, period.last)).aggregate(
        now=Coalesce(Sum("views", filter=Q(day__gte=period.first)), 0),
        before=Coalesce(Sum("views", filter=Q(day__lte=previous.last)), 0),
    )
    signatures = Signature.objects.filter(
        created_at__gte=previous.starts, created_at__lt=period.ends
    ).aggregate(
        now=Count("pk", filter=Q(created_at__gte=period.starts)),
        before=Count("pk", filter=Q(created_at__lt=period.starts)),
    )
    return {"views": views, "signatures": signatures}


def sources(period, field, limit=10):
    """The views of `period` by one of DailyViewSource's fields
    (referrer_domain, utm_source, language), most first: one query."""
    return list(DailyViewSource.objects.within(period).views_by(field)[:limit])


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)
