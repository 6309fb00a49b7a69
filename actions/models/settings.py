from django.db import models

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core import languages
from core.models.wording import Wording
from core.preview import SitePreviewMixin
from stories.models import ExonereeStoryPage

from .base import ACTION_TYPES
from .donate import DonatePage
from .petition import PetitionPage


@register_setting(icon="pick")
class ActionSettings(SitePreviewMixin, ClusterableModel, BaseSiteSetting):
    """Site-wide defaults for calls to action."""

    default_action = models.ForeignKey(
        "actions.ActionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the end of every story and explainer that has no action of its own.",
    )
    donation_url = models.URLField(
        blank=True,
        help_text="Your donation processor’s page (e.g. ActBlue, Donorbox, Every.org). "
        "Donate pages use it unless they set their own.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page that explains how supporters’ data is used. Linked from every form; "
        "visitors reading another language are taken to its translation, once published.",
    )

    social_proof_threshold = models.PositiveIntegerField(
        "show counts from",
        default=100,
        help_text="A petition shows how many have signed once it has at least this many "
        "signatures. Below it, visitors see the goal and “Be one of the first to sign”: a small "
        "count tells people that few care. Enter 0 to always show the count.",
    )
    tax_status = models.TextField(
        max_length=300,
        blank=True,
        help_text="The organisation’s tax status, shown where people give, e.g. “The Campaign "
        "is a 501(c)(3) nonprofit; gifts are tax-deductible as the law allows.” Check the "
        "wording with your accountant. Give it in Spanish below, under “Giving in other "
        "languages”.",
    )

    panels = [
        PageChooserPanel("default_action", ACTION_TYPES),
        FieldPanel("social_proof_threshold"),
        MultiFieldPanel([FieldPanel("donation_url"), FieldPanel("tax_status")], heading="Giving"),
        InlinePanel(
            "wordings",
            heading="Giving in other languages",
            label="Language",
            help_text="The tax status in Spanish, for the Spanish donate and thank-you pages. "
            "Without it, they show the English.",
        ),
        PageChooserPanel("privacy_page"),
    ]

    preview_modes = [
        ("", "A story without an action of its own"),
        ("form", "A petition’s form"),
        ("donate", "A donation appeal"),
    ]

    class Meta:
        verbose_name = "calls to action"

    def tax_status_in(self, language):
        """The tax status as pages in `language` show it: its wording in that
        language, else the English. A query only for another language."""
        if language != languages.default():
            wording = Wording.in_language(self.wordings, language)
            if wording is not None and wording.tax_status:
                return wording.tax_status
        return self.tax_status

    def preview_page(self, mode_name):
        live = {
            "": ExonereeStoryPage.objects.filter(related_actions__isnull=True),
            "form": PetitionPage.objects.all(),
            "donate": DonatePage.objects.filter(donation_url=""),
        }[mode_name]
        return (
            live.live().descendant_of(self.site.root_page).order_by("-first_published_at").first()
        )


class ActionWording(Wording):
    setting = ParentalKey(ActionSettings, on_delete=models.CASCADE, related_name="wordings")
    tax_status = models.TextField(
        max_length=300,
        blank=True,
        help_text="The organisation’s tax status in this language, shown where people give.",
    )

    panels = [FieldPanel("language"), FieldPanel("tax_status")]

    class Meta:
        verbose_name = "calls to action in another language"
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "language"], name="one_action_wording_per_language"
            )
        ]
