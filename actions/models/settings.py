from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.preview import SitePreviewMixin
from stories.models import ExonereeStoryPage

from .base import ACTION_TYPES
from .donate import DonatePage
from .petition import PetitionPage


@register_setting(icon="pick")
class ActionSettings(SitePreviewMixin, BaseSiteSetting):
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
        help_text="The page that explains how supporters’ data is used. Linked from every form.",
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
        "wording with your accountant.",
    )

    panels = [
        PageChooserPanel("default_action", ACTION_TYPES),
        FieldPanel("social_proof_threshold"),
        MultiFieldPanel([FieldPanel("donation_url"), FieldPanel("tax_status")], heading="Giving"),
        PageChooserPanel("privacy_page"),
    ]

    preview_modes = [
        ("", "A story without an action of its own"),
        ("form", "A petition’s form"),
        ("donate", "A donation appeal"),
    ]

    class Meta:
        verbose_name = "calls to action"

    def preview_page(self, mode_name):
        live = {
            "": ExonereeStoryPage.objects.filter(related_actions__isnull=True),
            "form": PetitionPage.objects.all(),
            "donate": DonatePage.objects.filter(donation_url=""),
        }[mode_name]
        return (
            live.live().descendant_of(self.site.root_page).order_by("-first_published_at").first()
        )
