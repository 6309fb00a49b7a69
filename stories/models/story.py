from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager

from core.pagecache import SharedPage
from core.sharing import Shareable
from stories import blocks as story_blocks
from stories.fields import search_index, synchronized_fields

from .choices import CompensationStatus, ExonerationBasis, Jurisdiction
from .publishing import ExonereeStoryPageForm, PublishingNeeds
from .queries import StoryQuerySet
from .story_panels import CASE_PANELS
from .taxonomy import localized_factors

# Fields that stay in the admin: never in templates, feeds, exports or the API.
PRIVATE_FIELDS = (
    "consent_on_file",
    "consent_date",
    "consent_note",
    "legal_review_done",
    "legal_review_note",
)


class ExonereeStoryPage(Shareable, SharedPage, PublishingNeeds, Page):
    """The true story of one person convicted of a crime they did not commit:
    structured case facts (for listings, filters and statistics) and a narrative."""

    person_name = models.CharField(
        max_length=120, help_text="The person’s name as they want it used, e.g. “Marcus Reed”."
    )
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A photo of the person, used on the story and its card. "
        "Only with their permission.",
    )
    portrait_alt = models.CharField(
        "portrait description",
        max_length=200,
        blank=True,
        help_text="What the photo shows, for people who can’t see it, "
        "e.g. “Marcus Reed outside the courthouse”.",
    )
    portrait_credit = models.CharField(
        max_length=120, blank=True, help_text="Who took or owns the photo, e.g. “Photo: Jane Doe”."
    )

    jurisdiction = models.CharField(
        "state",
        max_length=8,
        choices=Jurisdiction,
        help_text="Where the person was convicted. Choose “Other” for military or tribal courts.",
    )
    other_jurisdiction = models.CharField(
        max_length=100,
        blank=True,
        help_text="Only when the state is “Other”: name the court system.",
    )
    county = models.CharField(max_length=100, blank=True, help_text="E.g. “Cook County”.")
    crimes_charged = models.CharField(
        max_length=255,
        help_text="What they were convicted of, e.g. “Robbery; assault”. No victim names.",
    )
    sentence = models.CharField(max_length=255, help_text="E.g. “25 years to life”.")
    death_row = models.BooleanField(
        default=False, help_text="Tick if they were sentenced to death."
    )

    crime_year = models.PositiveSmallIntegerField(help_text="The year the crime happened.")
    conviction_year = models.PositiveSmallIntegerField(help_text="The year they were convicted.")
    exoneration_year = models.PositiveSmallIntegerField(help_text="The year they were exonerated.")
    years_lost_known = models.DecimalField(
        "years lost (if known precisely)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Leave empty to count from conviction to exoneration. Fill in only when the "
        "record gives the exact time spent in custody, e.g. 11.5.",
    )
    years_lost = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=0,
        editable=False,
        help_text="Derived: the precise figure if known, "
        "else exoneration year minus conviction year.",
    )

    dna_based = models.BooleanField(
        "DNA-based exoneration",
        default=False,
        help_text="Tick if DNA evidence was central to the exoneration.",
    )
    factors = ParentalManyToManyField(
        "stories.ContributingFactor",
        related_name="stories",
        help_text="How the conviction went wrong. Choose every factor that applies; they decide "
        "which theme explainers show this story.",
    )
    basis = models.CharField(
        "basis of exoneration",
        max_length=20,
        choices=ExonerationBasis,
        help_text="How the conviction was set aside for good.",
    )
    real_perpetrator_identified = models.BooleanField(
        default=False,
        help_text="Tick if the person who really committed the crime was later identified.",
    )
    case_record = models.ForeignKey(
        "registry.CaseRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        help_text="This person’s record in the National Registry of Exonerations (Case records), "
        "to check the facts against. Never shown on the site.",
    )
    compensation = models.CharField(
        "compensation status",
        max_length=20,
        choices=CompensationStatus,
        default=CompensationStatus.UNKNOWN,
        help_text="Whether the state has paid for the wrongful conviction. Shown with the case "
        "facts; leave “Not known” unless a source says.",
    )

    summary = models.TextField(
        max_length=300,
        help_text="Two sentences that make a reader want to know more. Shown on cards, in search "
        "results and when the story is shared.",
    )
    share_text = models.CharField(
        max_length=200,
        blank=True,
        help_text="The message suggested when a reader shares this story, e.g. “Marcus Reed "
        "lost 14 years for a crime he didn’t commit. Read his story.” Without it, the summary "
        "is used.",
    )
    content_note = models.TextField(
        max_length=300,
        blank=True,
        help_text="A warning shown before the story when it describes violence or other "
        "distressing events, e.g. “This story describes a violent assault.”",
    )
    body = StreamField(
        [
            (
                "text",
                blocks.RichTextBlock(
                    features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
                    template="blocks/rich_text.html",
                    icon="pilcrow",
                    description="Paragraphs of the story, with headings, lists and links",
                    preview_value="<p>Marcus was 19 when a witness picked him out of a "
                    "line-up. He spent 14 years in prison before DNA testing cleared him.</p>",
                ),
            ),
            ("quote", story_blocks.PullQuoteBlock()),
            ("timeline", story_blocks.TimelineBlock()),
            ("image", story_blocks.CaptionedImageBlock()),
            ("video", story_blocks.VideoBlock()),
            ("document", story_blocks.DocumentLinkBlock()),
            ("citation", story_blocks.CitationBlock()),
            ("registry_figure", story_blocks.RegistryFigureBlock()),
        ],
        help_text="The story itself. Give every factual claim a source.",
    )

    is_sample = models.BooleanField(
        "sample content",
        default=False,
        help_text="Only for invented demo stories: shows a “Sample story” label to readers.",
    )

    consent_on_file = models.BooleanField(
        default=False,
        help_text="Tick only when we hold the person’s written consent to publish their story. "
        "The story cannot be published without it. Never shown publicly.",
    )
    consent_date = models.DateField(null=True, blank=True, help_text="When they gave consent.")
    consent_note = models.TextField(
        blank=True, help_text="Where the consent is kept and any limits on it. Private."
    )
    legal_review_done = models.BooleanField(
        default=False,
        help_text="Tick when the legal review is complete. The story cannot be published "
        "without it. Private.",
    )
    legal_review_note = models.TextField(
        blank=True, help_text="Notes from the legal review. Private."
    )

    objects = PageManager.from_queryset(StoryQuerySet)()

    base_form_class = ExonereeStoryPageForm
    override_translatable_fields = synchronized_fields()  # never sent to translators

    open_graph_type = "article"  # how link previews and search engines read it (core.seo)

    # Which of the story's fields are searched or filtered: stories/fields.py.
    search_fields = [*Page.search_fields, *search_index()]

    content_panels = [
        *Page.content_panels,
        FieldPanel("person_name"),
        FieldPanel("summary"),
        FieldPanel("share_text"),
        MultiFieldPanel(
            [FieldPanel("portrait"), FieldPanel("portrait_alt"), FieldPanel("portrait_credit")],
            heading="Portrait",
        ),
        FieldPanel("content_note"),
        FieldPanel("body"),
        FieldPanel("is_sample"),
        InlinePanel(
            "related_actions",
            heading="Related actions",
            label="Action",
            max_num=3,
            help_text="What readers can do after this story. The first is shown prominently. "
            "Without any, the site’s default action is shown.",
        ),
        InlinePanel(
            "related_stories",
            heading="Related stories",
            label="Related story",
            help_text="Optional. Without any, readers see stories with the same factors.",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(CASE_PANELS, heading="Case facts"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = pgettext_lazy("kind of page", "exoneree story")
        verbose_name_plural = "exoneree stories"
        indexes = [  # the index's sorts (stories.listing.SORTS), read a page at a time
            models.Index(models.F("exoneration_year").desc(), "person_name", name="story_newest"),
            models.Index(models.F("years_lost").desc(), "person_name", name="story_years_lost"),
            models.Index("person_name", name="story_name"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        this_year = timezone.now().year
        if self.crime_year and self.conviction_year and self.conviction_year < self.crime_year:
            errors["conviction_year"] = "The conviction can’t come before the crime."
        if self.exoneration_year and self.exoneration_year < (self.conviction_year or 0):
            errors["exoneration_year"] = "The exoneration can’t come before the conviction."
        for field in ("crime_year", "conviction_year", "exoneration_year"):
            year = getattr(self, field)
            if year and year > this_year:
                errors[field] = f"This can’t be later than {this_year}."
            elif year and year < 1900:
                errors[field] = "Enter a four-digit year, e.g. 1994."
        if self.portrait_id and not self.portrait_alt:
            errors["portrait_alt"] = "Describe the portrait for people who can’t see it."
        if self.jurisdiction == Jurisdiction.OTHER and not self.other_jurisdiction:
            errors["other_jurisdiction"] = "Name the court system when the state is “Other”."
        if self.consent_date and self.consent_date > timezone.localdate():
            errors["consent_date"] = "Consent can’t be dated in the future."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.years_lost = self.compute_years_lost()
        # A translation arrives with its source's factors: filed under their
        # translations, so that each language's listings count their own.
        if (localized := localized_factors(self.factors.all(), self.locale_id)) is not None:
            self.factors = localized
        return super().save(*args, **kwargs)

    def compute_years_lost(self):
        """The one definition of years lost used everywhere."""
        if self.years_lost_known is not None:
            return self.years_lost_known
        if self.conviction_year and self.exoneration_year:
            return Decimal(max(self.exoneration_year - self.conviction_year, 0))
        return Decimal(0)

    def get_related_stories(self, limit=3):
        """Stories like this one, for the end of the page (StoryQuerySet.related_to):
        never unrelated ones, so maybe fewer than `limit`."""
        stories = ExonereeStoryPage.objects.published().in_locale(self.locale_id)
        return stories.related_to(self, limit).cards()

    @classmethod
    def pages_showing(cls, page):
        """The live stories that show `page`: a story at their end, a theme
        beside their factors, an action they lead to (see StoryQuerySet)."""
        if issubclass(page.specific_class, ExonereeStoryPage):
            return cls.objects.live().in_locale(page.locale_id).alongside(page)
        return cls.objects.live().leading_to_or_filed_under(page)

    @classmethod
    def urls_showing_outside_pages(cls, page):
        """The feed of new stories and the open data list every story."""
        return [reverse("stories_feed"), reverse("stories_csv"), reverse("stories_json")]

    def factors_with_themes(self):
        """The story's factors, each with its theme explainer, in one query."""
        return self.factors.all().select_related("theme")

    @property
    def place(self):
        county = f"{self.county}, " if self.county else ""
        return f"{county}{self.other_jurisdiction or self.state_name}"

    @property
    def state_name(self):
        return Jurisdiction.name_of(self.jurisdiction)

    @property
    def suggested_share_text(self):
        return self.share_text or self.summary

    def share_portrait(self):
        """(image, alt) for the link preview of this story (core.seo): the
        person's portrait, described as staff described it."""
        if self.portrait_id and self.portrait:
            return self.portrait, self.portrait_alt or self.person_name
        return None

    @property
    def initials(self):
        """The monogram shown in place of a portrait: a calm placeholder, never
        a silhouette, for the many people who choose not to share a photo."""
        words = [word for word in self.person_name.split() if word[:1].isalpha()]
        if not words:
            return ""
        first, last = words[0], words[-1]
        return (first[0] + (last[0] if len(words) > 1 else "")).upper()
