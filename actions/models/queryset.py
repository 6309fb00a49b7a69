"""The questions the site asks of its calls to action, answered in one place:
each action with what its card shows (its kind, and a petition's signature
count against the threshold staff set for showing it)."""

from django.apps import apps
from django.db import models
from django.db.models.functions import Coalesce, Length, Substr

from wagtail.models import Page
from wagtail.query import PageQuerySet

from core.locales import InLocale


class ActionQuerySet(InLocale, PageQuerySet):
    """Action pages (ActionPage.objects), with the verbs cards and lists use."""

    def with_counts(self):
        """Annotate `signature_count` (petitions; None otherwise) and the
        `social_proof_threshold` of the action's site, and select each kind's
        own row: no extra query."""
        # Looked up by name: the petition and settings modules import the
        # ActionPage model that imports this one.
        signature = apps.get_model("actions", "Signature")
        settings = apps.get_model("actions", "ActionSettings")
        # A petition's count covers all its languages (see Signature.campaign).
        signatures = (
            signature.objects.filter(campaign=models.OuterRef("translation_key"))
            .order_by()
            .values("campaign")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        # The settings of the site whose home, in any language, the action
        # lives under: each language's home is a translation of the site's
        # root (core.locales), a sibling of it, not a page below it.
        home = Page.objects.filter(
            translation_key=models.OuterRef("site__root_page__translation_key"),
            path=Substr(models.OuterRef(models.OuterRef("path")), 1, Length("path")),
        )
        threshold = settings.objects.filter(models.Exists(home)).values("social_proof_threshold")
        default = settings._meta.get_field("social_proof_threshold").default
        # Each kind's own row, so that a card asks its kind (as_kind) for free.
        kinds = (kind._meta.model_name for kind in self.model.kinds())
        return self.select_related(*kinds).annotate(
            signature_count=models.Subquery(signatures[:1]),
            social_proof_threshold=Coalesce(models.Subquery(threshold[:1]), default),
        )

    def cards(self):
        """Actions ready for cards (components/action_card.html), newest
        first, each with its kind and, for petitions, the signature count and
        goal: one query."""
        return self.with_counts().order_by("-first_published_at")
