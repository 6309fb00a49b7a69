"""Which platforms bring signers: for each utm_source, the views that came
by links carrying it (impact.models.DailyViewSource) beside the signatures
and finished letters whose supporter came by one (their `source_platform`,
which actions records as the counter does: core.sharing.utm_value). Counts
only: three queries, whatever the number of platforms.

A platform's views are every page's, a story's and an action's alike: a
reader who came from Bluesky to a story and went on to sign carries the tag
to the petition (static/js/enhance.js), so both views count for Bluesky."""

from dataclasses import dataclass

from django.db.models import Count

from actions.models import LetterCompletion

from .conversion import FEWEST_VIEWS_RANKED, signatures_in
from .models import DailyViewSource
from .periods import rate

# More platforms than any campaign shares on: the rest are made-up tags.
MOST_PLATFORMS = 25


@dataclass
class Platform:
    name: str
    views: int = 0
    signatures: int = 0
    letters: int = 0

    @property
    def signers(self):
        return self.signatures + self.letters

    @property
    def rate(self):
        """Signers per view, only over enough views to say something (as
        stories are ranked: impact.conversion.FEWEST_VIEWS_RANKED)."""
        return rate(self.signers, self.views) if self.views >= FEWEST_VIEWS_RANKED else None


def _counted_by_platform(completions):
    return dict(
        completions.exclude(source_platform="")
        .values("source_platform")
        .annotate(n=Count("pk"))
        .values_list("source_platform", "n")
    )


def by_platform(period):
    """Each platform that brought a view or a signer in `period`, the most
    signers first, then the most views."""
    views = (
        DailyViewSource.objects.within(period)
        .exclude(utm_source="")
        .views_by("utm_source")[:MOST_PLATFORMS]
    )
    signatures = _counted_by_platform(signatures_in(period))
    letters = _counted_by_platform(
        LetterCompletion.objects.filter(created_at__gte=period.starts, created_at__lt=period.ends)
    )
    found = {name: Platform(name, views=n) for name, n in views}
    for name, n in signatures.items():
        found.setdefault(name, Platform(name)).signatures = n
    for name, n in letters.items():
        found.setdefault(name, Platform(name)).letters = n
    ranked = sorted(found.values(), key=lambda p: (-p.signers, -p.views, p.name))
    return ranked[:MOST_PLATFORMS]
