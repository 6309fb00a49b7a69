"""A case record: one row of the Registry's spreadsheet."""

from django.db import models

from wagtail.search import index

from .codes import FACTOR_FIELDS, MISCONDUCT_TAGS, TAGS
from .queries import CaseRecordQuerySet


def _labelled(codes, labels):
    return [(code, labels.get(code, code)) for code in codes.split() if code]


class CaseRecord(index.Indexed, models.Model):
    """One known exoneration as the National Registry of Exonerations
    records it. Imported, not written: staff change records by importing a
    newer download of the spreadsheet. A record is public only as part of a
    count or chart; a name appears on the site only through a consented,
    published story that links to its record."""

    last_name = models.CharField(max_length=100)
    first_name = models.CharField(max_length=100, blank=True)
    age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Age at the time of the crime."
    )
    race = models.CharField(max_length=60, blank=True)
    sex = models.CharField(max_length=20, blank=True)
    state = models.CharField(
        max_length=60, help_text="As the Registry writes it, e.g. “Illinois” or “Fed-IL”."
    )
    county = models.CharField(max_length=100, blank=True)
    worst_crime = models.CharField(
        max_length=100, blank=True, help_text="The most serious crime of the conviction."
    )
    sentence = models.CharField(max_length=200, blank=True)
    crime_year = models.PositiveSmallIntegerField(null=True, blank=True)
    conviction_year = models.PositiveSmallIntegerField(null=True, blank=True)
    exoneration_year = models.PositiveSmallIntegerField(null=True, blank=True)
    posted_on = models.DateField(
        null=True, blank=True, help_text="When the Registry posted the case."
    )

    # The six contributing factors (registry.models.codes.Factor).
    forensic_evidence = models.BooleanField("false or misleading forensic evidence", default=False)
    false_confession = models.BooleanField(default=False)
    inadequate_defense = models.BooleanField("inadequate legal defense", default=False)
    perjury = models.BooleanField("perjury or false accusation", default=False)
    mistaken_identification = models.BooleanField("mistaken witness identification", default=False)
    official_misconduct = models.BooleanField(default=False)
    dna = models.BooleanField("DNA", default=False, help_text="DNA evidence was central.")

    # Codes separated by spaces ("CIU IO NC P"): portable across databases,
    # and one code is found with a word match.
    tags = models.CharField(max_length=255, blank=True, help_text="The Registry's case tags.")
    misconduct_tags = models.CharField(
        "official-misconduct tags",
        max_length=255,
        blank=True,
        help_text="The Registry's tags for the kinds of official misconduct.",
    )

    imported_at = models.DateTimeField(
        auto_now=True, help_text="When an import last created or changed this record."
    )

    search_fields = [
        index.SearchField("last_name"),
        index.SearchField("first_name"),
        index.AutocompleteField("last_name"),
        index.FilterField("state"),
        index.FilterField("exoneration_year"),
    ]

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            # The natural key a newer download is matched on.
            models.UniqueConstraint(
                fields=["last_name", "first_name", "state", "county", "conviction_year"],
                name="registry_case_record_natural_key",
            )
        ]
        indexes = [models.Index(fields=["exoneration_year"])]
        # Records change only by import; anyone with admin access may view them.
        permissions = [("import_caserecords", "Can import the Registry's spreadsheet")]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def factor_codes(self):
        return [code for code, field in FACTOR_FIELDS.items() if getattr(self, field)]

    @property
    def tag_labels(self):
        return _labelled(self.tags, TAGS)

    @property
    def misconduct_tag_labels(self):
        return _labelled(self.misconduct_tags, MISCONDUCT_TAGS)
