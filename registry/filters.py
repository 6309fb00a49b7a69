"""The filters of the case record listing: state, years of exoneration,
each contributing factor, DNA, and a tag."""

import django_filters

from django import forms
from django.db.models import Q

from wagtail.admin.filters import WagtailFilterSet

from .models import FACTOR_FIELDS, CaseRecord, Factor
from .models.codes import TAGS


def has_code(field, code):
    """Records whose `field` (codes separated by spaces) holds `code`."""
    return (
        Q(**{field: code})
        | Q(**{f"{field}__startswith": f"{code} "})
        | Q(**{f"{field}__endswith": f" {code}"})
        | Q(**{f"{field}__contains": f" {code} "})
    )


def states():
    found = CaseRecord.objects.order_by("state").values_list("state", flat=True).distinct()
    return [(state, state) for state in found]


def code_choices(labels):
    return [(code, f"{code}: {label}") for code, label in sorted(labels.items())]


def yes_or_no(label):
    return django_filters.BooleanFilter(label=label, widget=forms.NullBooleanSelect)


def factor(code):
    return yes_or_no(f"{code.label} ({code})")


class CaseRecordFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label="State", choices=states)
    exoneration_year = django_filters.RangeFilter(label="Exonerated (from, to)")
    forensic_evidence = factor(Factor.FORENSIC)
    false_confession = factor(Factor.FALSE_CONFESSION)
    inadequate_defense = factor(Factor.LEGAL_DEFENSE)
    perjury = factor(Factor.PERJURY)
    mistaken_identification = factor(Factor.MISTAKEN_ID)
    official_misconduct = factor(Factor.MISCONDUCT)
    dna = yes_or_no("DNA")
    tag = django_filters.ChoiceFilter(
        label="Tag", choices=code_choices(TAGS), method="with_code", field_name="tags"
    )
    # The Registry's misconduct codes have no labels here yet: typed, not chosen.
    misconduct_tag = django_filters.CharFilter(
        label="Official-misconduct tag (its code, e.g. WH)",
        method="with_code",
        field_name="misconduct_tags",
        max_length=20,
    )

    class Meta:
        model = CaseRecord
        fields = ["state", "exoneration_year", *FACTOR_FIELDS.values(), "dna"]

    def with_code(self, queryset, name, value):
        code = value.strip()
        return queryset.filter(has_code(name, code)) if code else queryset
