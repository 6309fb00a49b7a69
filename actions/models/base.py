from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager, Site
from wagtail.search import index

from core import languages
from core.pagecache import SharedPage
from core.sharing import Shareable
from stories.models import ExonereeStoryPage, StoryRelatedAction

from .queryset import ActionQuerySet

ACTION_TYPES = [
    "actions.PetitionPage",
    "actions.LetterPage",
    "actions.DonatePage",
    "actions.SignUpPage",
]


@dataclass(frozen=True)
class Tally:
    """What supporters do on one kind of action, as staff count it: the rows
    that record each act (the page's reverse relation), when each was made,
    and what the dashboard calls them."""

    relation: str
    date_field: str
    unit: str


class ActionIndexPage(SharedPage, Page):
    """“Take action”: every open call to action, newest first. Action pages
    live under it so that the site has one place that lists them."""

    intro = models.TextField(
        max_length=400,
        blank=True,
        help_text="A sentence or two that invites visitors to act. Shown above the list.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ACTION_TYPES
    max_count = 1
    # Its cards show live signature counts: shared caches keep it under a
    # minute (read by core.pagecache.SharedPage).
    cache_seconds = 45

    class Meta:
        verbose_name = pgettext_lazy("kind of page", "actions index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["actions"] = ActionPage.objects.live().child_of(self).cards()
        return context

    @classmethod
    def pages_showing(cls, page):
        """The index above `page` when it is an action: it lists them all."""
        if not issubclass(page.specific_class, ActionPage):
            return cls.objects.none()
        return cls.objects.live().ancestor_of(page)


class ActionPage(Shareable, SharedPage, Page):
    """What every call to action shares: a teaser for cards, the case for
    acting, and what to offer once the visitor has acted. Not created itself;
    staff pick a petition, letter, donation or sign-up page."""

    teaser = models.CharField(
        max_length=240,
        help_text="One sentence that says what this action achieves. Shown on cards, "
        "at the end of stories and when the page is shared.",
    )
    intro = RichTextField(
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text="Why acting matters now. Shown beside the form (below it on phones); keep "
        "it short.",
    )
    thank_you = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="What the supporter reads after acting. Without it, a standard thank-you "
        "is shown.",
    )
    share_text = models.CharField(
        max_length=200,
        blank=True,
        help_text="The message suggested when a supporter shares this action. "
        "Without it, the teaser is used.",
    )
    factors = ParentalManyToManyField(
        "stories.ContributingFactor",
        blank=True,
        related_name="actions",
        help_text="The ways convictions go wrong that this action addresses. “Why this "
        "matters” shows stories that lead here, then stories with these factors.",
    )
    themes = ParentalManyToManyField(
        "stories.ThemePage",
        blank=True,
        related_name="+",
        help_text="Broader than factors: “Why this matters” also shows stories from these "
        "theme explainers. Without factors or themes it shows only stories that lead here.",
    )
    next_action = models.ForeignKey(
        "actions.ActionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Offered after acting, with sharing and donating: another action.",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser", boost=2),
        index.SearchField("intro"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("factors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading="What this action is about",
        ),
    ]
    after_panels = [
        MultiFieldPanel(
            [
                FieldPanel("thank_you"),
                FieldPanel("share_text"),
                PageChooserPanel("next_action", ACTION_TYPES),
            ],
            heading="After acting",
        )
    ]

    objects = PageManager.from_queryset(ActionQuerySet)()

    parent_page_types = ["actions.ActionIndexPage"]
    subpage_types = []
    # Staff create one of the concrete kinds below, never this base.
    is_creatable = False
    # Lazy: translated into the language of the request that shows them.
    kind_label = pgettext_lazy("kind of action", "Action")
    verb = pgettext_lazy("call to action", "Act now")
    # The words on the form's button: they say what happens when pressed.
    submit_label = pgettext_lazy("form button", "Send")
    # What supporters' acts on this kind are counted as; None where nothing
    # is recorded here (a gift is made on the donation processor's site).
    tally = None
    # Whether cards show this kind's count of signatures against its goal.
    counts_signatures = False

    class Meta:
        verbose_name = "call to action"

    @property
    def submit_url(self):
        """Where the action's form posts: a view outside the page tree, so that a
        cached page needs no per-visitor CSRF token (see actions.protection)."""
        return reverse("actions:submit", args=[self.pk])

    @property
    def is_open(self):
        return True

    @property
    def suggested_share_text(self):
        return self.share_text or self.teaser

    @property
    def content_language(self):
        """The language the page is written in (its locale's), as the site
        names it."""
        return languages.supported(self.locale.language_code)

    @staticmethod
    def kinds():
        """The concrete kinds of action staff can create, in the menu's order."""
        return [apps.get_model(label) for label in ACTION_TYPES]

    @property
    def as_kind(self):
        """This action as its concrete kind (a petition, a letter…): itself when
        it is one already, else the kind's row that `with_counts` selected, so
        that a card asks its kind without a query."""
        if isinstance(self, self.specific_class):
            return self
        return getattr(self, self.specific_class._meta.model_name)

    @property
    def call(self):
        """The button's words, as the concrete kind says them."""
        return self.as_kind.verb

    def get_related_stories(self, limit=3):
        """“Why this matters”: stories that lead to this action, then those
        that share its factors or themes (see StoryQuerySet.for_action). One
        query, and the cards' portraits."""
        stories = ExonereeStoryPage.objects.published().in_locale(self.locale_id)
        return stories.for_action(self).cards()[:limit]

    @classmethod
    def pages_showing(cls, page):
        """The live action pages whose “Why this matters” may show `page`, a
        story: those it leads to (in its language, whichever language it
        chose them in), and those that share a factor or a theme with it (the
        ones it could rank in, whatever the limit). One query."""
        if not issubclass(page.specific_class, ExonereeStoryPage):
            return cls.objects.none()
        filed = ExonereeStoryPage.factors.through.objects.filter(exonereestorypage=page.pk)
        themes = filed.values("contributingfactor__theme")
        leads_to = StoryRelatedAction.objects.filter(page=page.pk)
        return (
            cls.objects.live()
            .in_locale(page.locale_id)
            .filter(
                models.Q(translation_key__in=leads_to.values("action__translation_key"))
                | models.Q(factors__in=filed.values("contributingfactor"))
                | models.Q(themes__in=themes)
                | models.Q(factors__theme__in=themes)
            )
            .distinct()
        )

    def get_context(self, request, *args, **kwargs):
        # Imported here, not at the top: actions.forms builds its forms from these
        # models, so it can only load once actions.models has.
        from actions.forms import EnvelopeForm

        context = super().get_context(request, *args, **kwargs)
        context["related_stories"] = self.get_related_stories()
        context["form"] = self.action_form()
        context["envelope"] = EnvelopeForm.for_request(request, self)
        return context

    def respond(self, request, *, template=None, status=200, **overrides):
        """The page, with `overrides` in its context (a bound form, a result)."""
        context = self.get_context(request)
        context.update(overrides)
        return TemplateResponse(
            request, template or self.get_template(request), context, status=status
        )

    @property
    def ask_once_more_message(self):
        """Shown with the form again when it was sent quicker than a person
        types (see actions.forms.EnvelopeForm.too_fast)."""
        return gettext(
            "To protect this form from automated sending, please check your details "
            "and press “%(button)s” again."
        ) % {"button": self.submit_label}

    def action_form(self, data=None):
        """The action's own form, bound to `data` if given; None without one."""
        return None

    def submit(self, request, source_page_id, source_platform=""):
        """Handle the action's form, posted to `submit_url`; each kind that has
        a form defines it. `source_page_id` and `source_platform` say where
        the visitor came from (EnvelopeForm), for the kinds that count it."""
        raise Http404("This action has no form.")

    def thank_you_response(self, request):
        return self.respond(request, template="actions/thanks.html")

    @classmethod
    def chosen_for(cls, page, request):
        """The live actions staff chose for `page` (a story or explainer, through
        its `related_actions`), in order, or else the site's default action,
        with their counts: one query either way."""
        # Imported here, not at the top: ActionSettings (settings.py) imports the
        # action kinds, so it loads after them.
        from .settings import ActionSettings

        preview = ActionSettings.preview_override(request)
        if preview is not None:
            default = [preview.default_action_id]
        else:
            site = Site.find_for_request(request)
            default = ActionSettings.objects.filter(site=site).values("default_action")[:1]
        default = cls._default_in_locale(default, page.locale_id)
        chosen = page.related_actions.all()
        if isinstance(chosen, models.QuerySet):
            chosen = chosen.filter(action__live=True)
            ids = chosen.values("action")
            order = chosen.filter(action__translation_key=models.OuterRef("translation_key"))
            order = order.values("sort_order")[:1]
        else:
            # A preview: the choices are unsaved, held in memory by modelcluster,
            # in the order the editor shows them.
            ids = [link.action_id for link in chosen]
            chosen = cls.objects.live().filter(pk__in=ids)
            place = models.Case(
                *(models.When(pk=pk, then=n) for n, pk in enumerate(ids)),
                output_field=models.IntegerField(),
            )
            order = chosen.filter(translation_key=models.OuterRef("translation_key"))
            order = order.annotate(place=place).order_by("place").values("place")[:1]
        return cls._as_offered(page, default, chosen, ids, order)

    @classmethod
    def _as_offered(cls, page, default, chosen, ids, order):
        """The live actions `page` offers, preview or not: each chosen one
        (`ids`; `chosen`, those of them that are live) as the page's language
        offers it, its live translation into that language, else the action
        itself (issue 16), in the `order` staff gave them (a subquery of an
        action's place among the choices); or else, when none chosen is live,
        the default."""
        actions = cls.objects.live().with_counts().annotate(chosen_order=models.Subquery(order))
        translated = cls.objects.live().filter(
            translation_key=models.OuterRef("translation_key"), locale_id=page.locale_id
        )
        as_offered = models.Q(locale_id=page.locale_id) | (
            models.Q(pk__in=ids) & ~models.Exists(translated)
        )
        return list(
            actions.filter(
                (models.Q(chosen_order__isnull=False) & as_offered)
                | (default & ~models.Exists(chosen))
            ).order_by("chosen_order")
        )

    @classmethod
    def _default_in_locale(cls, default, locale_id):
        """A filter for the site's default action (`default`: its id, or a
        query of it) as a page in `locale_id` offers it: its live translation
        in that language, else the default itself (English, say)."""
        source = cls.objects.filter(pk__in=default).values("translation_key")
        translated = cls.objects.live().filter(translation_key__in=source, locale_id=locale_id)
        return models.Q(pk__in=translated.values("pk")) | (
            models.Q(pk__in=default) & ~models.Exists(translated)
        )
