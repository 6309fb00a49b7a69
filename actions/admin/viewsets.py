"""The listings of what supporters sent: signatures and sign-up form answers,
filtered, inspected and exported as CSV or XLSX, under “Supporters” in the
menu with the supporter data requests."""

from functools import reduce
from operator import or_

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.text import Truncator

from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from ..exports import SafeSpreadsheetExportMixin
from ..models import Signature, SignUpSubmission
from .filters import FormAnswerFilterSet, SignatureFilterSet
from .requests import SupporterRequestViewSet


def signer_name(signature):
    return "Anonymised" if signature.anonymised_at else signature.full_name


class SupporterDataIndexView(SafeSpreadsheetExportMixin, IndexView):
    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"


class SignatureIndexView(SupporterDataIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("action", "source_page")

    def search_queryset(self, queryset):
        # Every word must match one of the fields, so that “Ada Lovelace”
        # finds her although no single field holds both names.
        if not self.is_searching:
            return queryset
        for word in self.search_query.split():
            queryset = queryset.filter(
                reduce(or_, (Q(**{f"{field}__icontains": word}) for field in self.search_fields))
            )
        return queryset


class SignatureInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return "—" if value is None else value

    def get_consent_display_value(self):
        consent = self.object.consent
        return f"{consent}: “{consent.text}”"


class SupporterDataViewSet(ModelViewSet):
    """What supporters sent, for staff who may see their data: listed and
    inspected only. Staff never type it in, and erasing goes through the
    supporter data requests screen."""

    inspect_view_enabled = True
    copy_view_enabled = False
    # Many rows that only ever point at pages: indexing them would cost every
    # signing extra writes and list them under each page's usage.
    add_to_reference_index = False

    def get_urlpatterns(self):
        # Listing and inspecting only: no add, edit, copy, history or delete views.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]

    @property
    def url_finder_class(self):
        return type(
            f"{self.model.__name__}URLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_permissions_to_register(self):
        # The one permission that matters, offered in the group editor; the
        # default add/change/delete/view ones have no effect here.
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Signature),
            codename="view_supporter_data",
        )


class SignatureViewSet(SupporterDataViewSet):
    """Signatures: listed, filtered, inspected and exported."""

    model = Signature
    name = "signatures"
    icon = "group"
    menu_label = "Signatures"
    index_view_class = SignatureIndexView
    inspect_view_class = SignatureInspectView
    ordering = "-created_at"
    search_fields = ["first_name", "last_name", "email", "postcode"]
    filterset_class = SignatureFilterSet
    inspect_view_fields = [
        "petition_title",
        "first_name",
        "last_name",
        "email",
        "postcode",
        "comment",
        "opt_in",
        "language",
        "consent",
        "created_at",
        "source_page",
        "source_platform",
        "anonymised_at",
        "delivery_status",
        "delivery_attempts",
        "delivered_at",
        "delivery_error",
    ]
    list_export = [
        "first_name",
        "last_name",
        "email",
        "postcode",
        "comment",
        "opt_in",
        "petition_title",
        "source_page",
        "source_platform",
        "created_at",
        "get_language_display",
        "consent",
        "get_delivery_status_display",
        "anonymised_at",
    ]
    export_headings = {
        "petition_title": "Petition",
        "postcode": "Postcode or ZIP",
        "opt_in": "Wants updates",
        "source_page": "Came from",
        "source_platform": "Shared link’s platform",
        "created_at": "Signed",
        "get_language_display": "Language",
        "consent": "Consent statement",
        "get_delivery_status_display": "Sent to CRM",
        "anonymised_at": "Anonymised",
    }
    export_filename = "signatures"

    @cached_property
    def list_display(self):
        return [
            # No edit view: the name opens the inspect view.
            TitleColumn(
                "name",
                label="Name",
                accessor=signer_name,
                sort_key="last_name",
                url_name=self.get_url_name("inspect"),
            ),
            Column("email", label="Email", sort_key="email"),
            Column("postcode", label="Postcode or ZIP"),
            Column("petition_title", label="Petition", sort_key="action__title"),
            Column("source_page", label="Came from"),
            BooleanColumn("opt_in", label="Wants updates", sort_key="opt_in"),
            DateColumn("created_at", label="Signed", sort_key="created_at"),
            Column(
                "language", label="Language", accessor="get_language_display", sort_key="language"
            ),
            Column(
                "delivery_status",
                label="Sent to CRM",
                accessor="get_delivery_status_display",
                sort_key="delivery_status",
            ),
        ]


class FormAnswerIndexView(SupporterDataIndexView):
    def get_base_queryset(self):
        # Each submission orders its answers by its form's fields.
        return (
            super().get_base_queryset().select_related("page").prefetch_related("page__form_fields")
        )

    def search_queryset(self, queryset):
        # In any answer: every word must appear in the stored answers.
        if not self.is_searching:
            return queryset
        for word in self.search_query.split():
            queryset = queryset.filter(form_data__icontains=word)
        return queryset


class FormAnswerInspectView(InspectView):
    labels = {"title": "Form", "submit_time": "Sent", "language": "Language", "answers": "Answers"}

    def get_field_label(self, field_name, field):
        return self.labels[field_name]

    def get_answers_display_value(self):
        return format_html_join("\n", "<p><strong>{}</strong><br>{}</p>", self.object.answers())


def answers_summary(submission):
    """The first answers, on one line, for the listing."""
    return Truncator(" · ".join(answer for _, answer in submission.answers())).chars(80)


class FormAnswerViewSet(SupporterDataViewSet):
    """Answers to every sign-up form, including forms since deleted. Each live
    form's own Submissions screen (Forms in the menu) also exports them."""

    model = SignUpSubmission
    name = "form_answers"
    icon = "form"
    menu_label = "Form answers"
    index_view_class = FormAnswerIndexView
    inspect_view_class = FormAnswerInspectView
    ordering = "-submit_time"
    search_fields = ["form_data"]
    filterset_class = FormAnswerFilterSet
    inspect_view_fields = ["title", "submit_time", "language", "answers"]
    list_export = ["title", "submit_time", "get_language_display", "answers_text"]
    export_headings = {
        "title": "Form",
        "submit_time": "Sent",
        "get_language_display": "Language",
        "answers_text": "Answers",
    }
    export_filename = "form-answers"

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "summary",
                label="Answers",
                accessor=answers_summary,
                url_name=self.get_url_name("inspect"),
            ),
            Column("title", label="Form", sort_key="page__title"),
            DateColumn("submit_time", label="Sent", sort_key="submit_time"),
            Column(
                "language", label="Language", accessor="get_language_display", sort_key="language"
            ),
        ]


class SupportersMenu(ViewSetGroup):
    """“Supporters” in the admin menu: shown only to those who may see their data."""

    menu_label = "Supporters"
    menu_icon = "group"
    menu_order = 320
    items = [SignatureViewSet, FormAnswerViewSet, SupporterRequestViewSet]
