from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from registry.models import Factor

from .queries import FactorQuerySet


class ContributingFactor(TranslatableMixin, index.Indexed, models.Model):
    """One way a conviction goes wrong, as the National Registry of
    Exonerations classifies cases (mistaken witness identification, false
    confession, ...). Stories are filed under several factors, and each factor
    leads readers to the theme explainer that covers it.

    Translatable: each language has its own factors (a Spanish one is a
    translation of an English one), whose names, slugs and codes are unique
    within the language. A story files under the factors of its own language,
    and a factor under a theme of its language, where they are translated
    (see `localized_in`)."""

    name = models.CharField(
        max_length=80,
        help_text="The factor as readers will see it, e.g. “Mistaken witness identification”.",
    )
    slug = models.SlugField(
        max_length=80,
        help_text="Used in web addresses of filtered story lists. Change it only if you must: "
        "old links to filtered lists will stop working.",
    )
    description = models.TextField(
        max_length=600,
        help_text="Two or three plain sentences on what this factor is and how it leads to "
        "wrongful convictions. Shown where readers filter stories.",
    )
    theme = models.ForeignKey(
        "stories.ThemePage",
        # Null only in the database: the Registry's factors are seeded before
        # any theme exists. Staff must choose one (`manage.py check --deploy`
        # reports a factor without a theme).
        null=True,
        on_delete=models.SET_NULL,
        related_name="factors",
        help_text="The theme explainer that covers this factor; stories with this factor "
        "appear on it. Every factor needs one: choose the nearest. This campaign files "
        "“False confession” and “Inadequate legal defense” under The Prosecution, since "
        "coercive questioning and an overwhelmed defense both let the case against the "
        "first suspect go unchallenged.",
    )

    registry_code = models.CharField(
        "Registry code",
        max_length=10,
        choices=Factor,
        blank=True,
        help_text="The National Registry of Exonerations’ code for this factor, which its "
        "spreadsheet uses: imported case records count under the factor with their code. "
        "Leave empty for a factor of the campaign’s own; each code belongs to one factor "
        "in each language.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("registry_code"),
        FieldPanel("description"),
        FieldPanel("theme"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    objects = FactorQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = "contributing factor"
        unique_together = [("translation_key", "locale"), ("name", "locale"), ("slug", "locale")]
        constraints = [
            # Unique when set: a factor of the campaign's own has no code.
            models.UniqueConstraint(
                fields=["registry_code", "locale"],
                condition=~models.Q(registry_code=""),
                name="stories_factor_registry_code_unique",
                violation_error_message="Another factor already has this Registry code.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A translated factor is copied with its source's theme: it files
        # under that theme's translation in its own language, once there is one.
        if self.theme_id is not None:
            self.theme = localized_in(self.theme, self.locale_id)
        return super().save(*args, **kwargs)

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=self._in_its_locale(exclude))

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=self._in_its_locale(exclude))

    def _in_its_locale(self, exclude):
        """`exclude` without the locale: names, slugs and codes are unique
        within a language, which the editor's form has no field for (the view
        sets it), so Django would skip those checks and the database refuse
        the factor with an error page instead of a message. A new factor is
        checked in the locale it will be saved in."""
        if self.locale_id is None:
            self.locale = self.get_default_locale()
        return {name for name in exclude or () if name != "locale"}


def localized_in(obj, locale_id):
    """`obj`'s translation in the locale `locale_id`, or `obj` itself when it
    is in that locale already or not translated into it (yet)."""
    if obj.locale_id == locale_id:
        return obj
    return obj.get_translations().filter(locale_id=locale_id).first() or obj


def localized_factors(factors, locale_id):
    """`factors` (a story's) each as translated into the locale `locale_id`,
    or as it is where not translated (yet); None when all are in it already."""
    factors = list(factors)
    if locale_id is None or all(factor.locale_id == locale_id for factor in factors):
        return None
    return [localized_in(factor, locale_id) for factor in factors]
