"""The questions the site asks of its stories, themes and factors, each
answered in one place: which stories are published, what a story card needs,
which stories a theme, a factor, an action or another story shows, and how
many stories each theme or factor counts.

Callers chain the verbs: `ExonereeStoryPage.objects.published().for_theme(theme)
.newest_first().cards()`. Nothing here imports the models (they import this
module); related models are reached through the models' own fields."""

from django.db import models
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    StringAgg,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Length, Substr

from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from core.locales import InLocale


def matching(path, value):
    """A filter on the object at `path`: given as the object, its pk, or its slug."""
    if isinstance(value, str):
        return Q(**{f"{path}__slug": value})
    return Q(**{path: value})


def chosen_pks(related):
    """The pks in a many-to-many of a page: a subquery when saved, a list in a
    preview, where modelcluster holds the unsaved choices in memory."""
    chosen = related.all()
    if isinstance(chosen, models.QuerySet):
        return chosen.values("pk")
    return [item.pk for item in chosen]


class StoryCountsMixin:
    """For themes and factors: how many stories each reaches, through the
    stories' factor links (`filed_path` leads from a link to the row)."""

    filed_path = None
    # Whether a story can reach a row by more than one link (a theme, through
    # two of its factors), so that stories must be counted once each.
    by_several_links = False

    def with_story_counts(self, everything, filtered=None):
        """Annotate `total`, how many of `everything` (published stories) each
        row reaches, and, if `filtered` is given, `n`, how many of those: in
        the same query, each count a subquery on the factor links of that row
        alone, so that it stays cheap with thousands of stories."""
        rows = self.annotate(total=self._stories_reached(everything))
        if filtered is None:
            return rows
        return rows.annotate(n=self._stories_reached(filtered))

    def _stories_reached(self, stories):
        links = stories.model.factors.through.objects.filter(
            **{self.filed_path: OuterRef("pk")}, exonereestorypage__in=stories.values("pk")
        )
        counted = (
            links.order_by()
            .values(self.filed_path)
            .annotate(n=Count("exonereestorypage", distinct=self.by_several_links))
            .values("n")
        )
        return Coalesce(Subquery(counted), 0)

    def by_slug(self):
        return {row.slug: row for row in self}


class FactorQuerySet(InLocale, StoryCountsMixin, models.QuerySet):
    filed_path = "contributingfactor"


class ThemeQuerySet(InLocale, StoryCountsMixin, PageQuerySet):
    filed_path = "contributingfactor__theme"
    by_several_links = True


class StoryQuerySet(InLocale, PageQuerySet):
    """Exoneree stories, with the verbs every listing, feed and export uses."""

    def public(self):
        """Stories that anyone may read: none at or under a page with a view
        restriction. Wagtail's `public()` means the same, but costs a query of
        its own to read the restrictions; this checks them inside the query."""
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return self.filter(~Exists(restricted))

    def published(self):
        """The one definition of a published story: live, and public."""
        return self.live().public()

    def cards(self):
        """What a story card shows (components/story_card.html): the portrait
        and its renditions, in two queries for any number of cards."""
        return self.select_related("portrait").prefetch_related(Prefetch("portrait__renditions"))

    def with_factors(self):
        """Each story's factors by slug, each with its theme: one query more
        for any number of stories."""
        factor = self.model._meta.get_field("factors").related_model
        factors = factor.objects.select_related("theme").order_by("slug")
        return self.prefetch_related(Prefetch("factors", queryset=factors))

    def newest_first(self):
        """Latest published first; a story never published (a draft) last."""
        return self.order_by(F("first_published_at").desc(nulls_last=True), "-pk")

    def for_theme(self, theme):
        """Stories with a factor that `theme` (a ThemePage, pk or slug) covers."""
        return self.filter(self.in_theme(theme))

    def with_factor(self, factor):
        """Stories filed under `factor` (a ContributingFactor, pk or slug)."""
        return self.filter(self.filed_under(factor))

    def in_theme(self, theme):
        """The condition of `for_theme`, as an expression to filter or annotate with."""
        return self._filed_under(matching("contributingfactor__theme", theme))

    def filed_under(self, factor):
        """The condition of `with_factor`, as an expression to filter or annotate with."""
        return self._filed_under(matching("contributingfactor", factor))

    def for_action(self, action):
        """“Why this matters” on an action page: stories that lead to `action`,
        then those that share one of its factors, then those that share one of
        its themes (its own, or its factors'), the latest first within each;
        never unrelated ones. One query.

        A story leads to `action` when it chose it in any of its languages: a
        translated story keeps its source's choice (wagtail-localize copies a
        page link as it is), and offers that action in its own language (see
        ActionPage.chosen_for)."""
        factors, themes = chosen_pks(action.factors), chosen_pks(action.themes)
        factor = self.model._meta.get_field("factors").related_model
        factor_themes = factor.objects.filter(pk__in=factors).values("theme")
        leading = self.model._meta.get_field("related_actions").related_model
        leads_here = leading.objects.filter(
            page=OuterRef("pk"), action__translation_key=action.translation_key
        )
        stories = self.annotate(
            leads_here=Exists(leads_here),
            shares_factor=self._filed_under(Q(contributingfactor__in=factors)),
            shares_theme=self._filed_under(
                Q(contributingfactor__theme__in=themes)
                | Q(contributingfactor__theme__in=factor_themes)
            ),
        )
        return stories.filter(
            Q(leads_here=True) | Q(shares_factor=True) | Q(shares_theme=True)
        ).order_by("-leads_here", "-shares_factor", "-shares_theme", "-first_published_at")

    def related_to(self, story, limit=None):
        """Stories genuinely like `story`: those staff chose (in their order),
        then those sharing the most factors, then those sharing a theme; never
        unrelated ones, nor the story itself; the first `limit` if given. One
        query, which counts what each story shares by joining its factor links
        once (with thousands of stories, a subquery per story and per measure
        cost 100 ms)."""
        through = self.model.factors.through
        mine = through.objects.filter(exonereestorypage=story.pk)
        my_themes = mine.filter(contributingfactor__theme__isnull=False)
        related = self.model._meta.get_field("related_stories").related_model
        chosen_here = related.objects.filter(page=story.pk)
        chosen = Q(pk__in=chosen_here.values("story"))
        ranked = (
            self.exclude(pk=story.pk)
            .annotate(
                shared_factors=Count(
                    "factors", filter=Q(factors__in=mine.values("contributingfactor"))
                ),
                theme_links=Count(
                    "factors",
                    filter=Q(factors__theme__in=my_themes.values("contributingfactor__theme")),
                ),
            )
            .alias(
                is_chosen=Case(When(chosen, then=Value(1)), default=Value(0)),
                # Looked up for the chosen few only.
                chosen_order=Case(
                    When(
                        chosen,
                        then=Subquery(
                            chosen_here.filter(story=OuterRef("pk")).values("sort_order")[:1]
                        ),
                    )
                ),
                shares_theme=Case(When(theme_links__gt=0, then=Value(1)), default=Value(0)),
            )
            .filter(chosen | Q(shared_factors__gt=0) | Q(theme_links__gt=0))
            .order_by(
                "-is_chosen",
                F("chosen_order").asc(nulls_last=True),
                "-shared_factors",
                "-shares_theme",
                "-first_published_at",
            )
        )
        if limit is None:
            return ranked
        # Ranked on ids alone, the first few then read whole: 5 times cheaper
        # than ranking whole rows (pages, portraits).
        return ranked.filter(pk__in=ranked.values("pk")[:limit])

    def alongside(self, story):
        """Stories whose end may offer `story` among related ones: those that
        chose it, and those that share a factor or a theme with it."""
        through = self.model.factors.through.objects
        related = self.model._meta.get_field("related_stories").related_model
        chose = related.objects.filter(story=story.pk).values("page")
        its = through.filter(exonereestorypage=story.pk)
        sharing = through.filter(
            Q(contributingfactor__in=its.values("contributingfactor"))
            | Q(contributingfactor__theme__in=its.values("contributingfactor__theme"))
        )
        return self.exclude(pk=story.pk).filter(
            Q(pk__in=chose) | Q(pk__in=sharing.values("exonereestorypage"))
        )

    def leading_to_or_filed_under(self, page):
        """Stories whose page names `page`: an action they lead to, in any of
        its languages (they offer its translation in theirs), or a theme that
        covers one of their factors."""
        leading = self.model._meta.get_field("related_actions").related_model
        chose = leading.objects.filter(action__translation_key=page.translation_key)
        chose = chose.values("page")
        return self.filter(
            Q(pk__in=chose) | self._filed_under(Q(contributingfactor__theme=page.pk))
        )

    def filter_values(self):
        """Which values of the story index's filters select any of these
        stories: `story_states` (jurisdiction codes), `story_dna` ("yes",
        "no") and `story_factors` (each factor as "REGISTRY_CODE slug"), each
        a subquery of the values joined by commas, to read in a query a page
        makes anyway (the national figures': see stories.figures)."""
        dna = Case(When(dna_based=True, then=Value("yes")), default=Value("no"))
        return {
            name: Subquery(
                self.order_by()
                .annotate(everything=Value(1))
                .values("everything")
                .annotate(joined=StringAgg(expression, Value(","), distinct=True))
                .values("joined"),
                output_field=CharField(),
            )
            for name, expression in (
                ("story_states", F("jurisdiction")),
                ("story_dna", dna),
                (
                    "story_factors",
                    Concat(
                        F("factors__registry_code"),
                        Value(" "),
                        F("factors__slug"),
                        output_field=CharField(),
                    ),
                ),
            )
        }

    def totals(self):
        """How many stories, and the years they lost, in one query."""
        figures = self.aggregate(stories=Count("pk"), years=models.Sum("years_lost"))
        return figures["stories"], figures["years"] or 0

    def _filed_under(self, condition):
        """Whether a story has a factor meeting `condition` (on the story's
        factor links): a subquery, so the stories need no DISTINCT."""
        through = self.model.factors.through
        return Exists(through.objects.filter(condition, exonereestorypage=OuterRef("pk")))
