"""The editor's Case facts tab of a story: the structured facts that listings,
filters and statistics read, and the private consent and legal review."""

from django import forms

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

CASE_PANELS = [
    FieldPanel("case_record"),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("jurisdiction"), FieldPanel("other_jurisdiction")]),
            FieldPanel("county"),
        ],
        heading="Where",
    ),
    MultiFieldPanel(
        [FieldPanel("crimes_charged"), FieldPanel("sentence"), FieldPanel("death_row")],
        heading="Conviction",
    ),
    MultiFieldPanel(
        [
            FieldRowPanel(
                [
                    FieldPanel("crime_year"),
                    FieldPanel("conviction_year"),
                    FieldPanel("exoneration_year"),
                ]
            ),
            FieldPanel("years_lost_known"),
        ],
        heading="Dates",
    ),
    MultiFieldPanel(
        [
            FieldPanel("basis"),
            FieldPanel("dna_based"),
            FieldPanel("factors", widget=forms.CheckboxSelectMultiple),
            FieldPanel("real_perpetrator_identified"),
            FieldPanel("compensation"),
        ],
        heading="Exoneration",
    ),
    MultiFieldPanel(
        [
            FieldPanel("consent_on_file"),
            FieldPanel("consent_date"),
            FieldPanel("consent_note"),
            FieldPanel("legal_review_done"),
            FieldPanel("legal_review_note"),
        ],
        heading="Consent and legal review (private)",
    ),
]
