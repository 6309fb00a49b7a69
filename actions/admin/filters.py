"""The filters of the signature and form-answer listings, including what was
sent to pages since deleted (kept with the page's title)."""

import django_filters

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Page

from ..models import PetitionPage, Signature, SignUpPage, SignUpSubmission


def deleted_page_filter(model, page_field, title_field, label):
    """A filter for `model`'s rows kept from a page since deleted, by the
    page's title (kept in `title_field`)."""

    def titles():
        kept = model.objects.filter(**{page_field: None}).exclude(**{title_field: ""})
        return [
            (t, t)
            for t in kept.values_list(title_field, flat=True).distinct().order_by(title_field)
        ]

    def kept_from(queryset, name, value):
        return queryset.filter(**{page_field: None, title_field: value})

    return django_filters.ChoiceFilter(label=label, choices=titles, method=kept_from)


class SignatureFilterSet(WagtailFilterSet):
    action = django_filters.ModelChoiceFilter(
        label="Action", queryset=PetitionPage.objects.order_by("title")
    )
    deleted_petition = deleted_page_filter(Signature, "action", "action_title", "Deleted petition")
    source_page = django_filters.ModelChoiceFilter(
        label="Came from",
        # Only pages that have sent someone, not the whole site.
        queryset=lambda request: Page.objects.filter(
            pk__in=Signature.objects.values("source_page")
        ).order_by("title"),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label="Signed between", widget=DateRangePickerWidget
    )

    class Meta:
        model = Signature
        fields = ["action", "language", "opt_in", "delivery_status", "source_page", "created_at"]


class FormAnswerFilterSet(WagtailFilterSet):
    page = django_filters.ModelChoiceFilter(
        label="Form", queryset=SignUpPage.objects.order_by("title")
    )
    deleted_form = deleted_page_filter(SignUpSubmission, "page", "form_title", "Deleted form")
    submit_time = django_filters.DateFromToRangeFilter(
        label="Sent between", widget=DateRangePickerWidget
    )

    class Meta:
        model = SignUpSubmission
        fields = ["page", "language", "submit_time"]
