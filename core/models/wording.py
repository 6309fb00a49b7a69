"""The words staff type into the site's settings, given again in another
language: Spanish pages show the Spanish header button, footer text and
share text, and whatever has no Spanish falls back to the English."""

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from .. import languages


class Wording(models.Model):
    """A setting's words in one language other than the site's default,
    whose own words are the setting's fields."""

    language = models.CharField(
        max_length=7,
        choices=languages.others,
        help_text="Pages in this language show the words below instead of the English ones. "
        "Leave a box empty to show the English there.",
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.get_language_display()

    @staticmethod
    def in_language(wordings, language):
        """The wording among `wordings` (a setting's, saved or previewed) for
        `language`, or None."""
        return next((wording for wording in wordings.all() if wording.language == language), None)


class NavigationWording(Wording):
    setting = ParentalKey("NavigationSettings", on_delete=models.CASCADE, related_name="wordings")
    button_label = models.CharField(
        "header button text",
        max_length=20,
        blank=True,
        help_text="The header button’s words in this language, e.g. “Done”. Left empty, the "
        "button shows the title of the page’s translation, or the English words until the "
        "page is translated.",
    )
    footer_text = models.TextField(
        max_length=300,
        blank=True,
        help_text="The line at the foot of every page, in this language.",
    )

    panels = [FieldPanel("language"), FieldPanel("button_label"), FieldPanel("footer_text")]

    class Meta:
        verbose_name = "navigation in another language"
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "language"], name="one_navigation_wording_per_language"
            )
        ]


class OrganisationWording(Wording):
    setting = ParentalKey("OrganisationSettings", on_delete=models.CASCADE, related_name="wordings")
    share_text = models.TextField(
        max_length=300,
        blank=True,
        help_text="The sentence or two shown under a shared link, and by search engines, in "
        "this language, for its pages without a description of their own.",
    )

    panels = [FieldPanel("language"), FieldPanel("share_text")]

    class Meta:
        verbose_name = "organisation in another language"
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "language"], name="one_organisation_wording_per_language"
            )
        ]
