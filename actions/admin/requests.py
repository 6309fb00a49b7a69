"""Supporter data requests: find what is held about one email address, send
it to the supporter (GDPR Art. 15 and 20) or erase it everywhere (Art. 17).
The work itself is actions.privacy's, shared with the export_supporter and
erase_supporter commands; these screens add the confirmation step and the
audit log."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.urls import path
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import LogFormatter

from core import audit

from .. import privacy
from ..models import Signature
from .permissions import SupporterDataMenuItem

# Where every request starts, and where the export and erasure lead back to.
START = "supporter_data:index"


class SupporterEmailForm(forms.Form):
    email = forms.CharField(
        label="Supporter’s email address",
        max_length=320,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text="The address the supporter used. Letter case and spaces don’t matter.",
    )

    def clean_email(self):
        return privacy.normalise_email(self.cleaned_data["email"])


class SupporterDataViewMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    # Signature's permission policy decides: supporters' data needs its permission.
    model = Signature
    permission_required = "view"
    header_icon = "group"
    form_class = SupporterEmailForm


class SupporterDataView(SupporterDataViewMixin, FormView):
    """Find what is held about one address, then export or erase it. The
    address is posted, never put in a URL, so it stays out of server logs and
    browser history."""

    template_name = "actions/admin/supporter_data.html"
    page_title = "Supporter data requests"

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        context = self.get_context_data(
            form=form,
            email=email,
            signatures=privacy.signatures_for(email).select_related("action"),
            submissions=privacy.submissions_for(email),
        )
        return self.render_to_response(context)


class SupporterRequestView(SupporterDataViewMixin, FormView):
    """A request about an address posted from the screen above: a mistyped
    address is said there, where it can be corrected."""

    http_method_names = ["post"]

    def form_invalid(self, form):
        messages.error(self.request, " ".join(form.errors["email"]))
        return redirect(START)


class SupporterExportView(SupporterRequestView):
    """The supporter's data as a JSON file, to send to them (GDPR Art. 15 and 20)."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        data = privacy.supporter_data(email)
        reference = privacy.supporter_reference(email)
        log_request(
            self.request,
            privacy.EXPORTED,
            reference,
            signatures=len(data["signatures"]),
            submissions=len(data["form_submissions"]),
        )
        response = HttpResponse(
            privacy.as_json(data), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="supporter-{reference}.json"'
        return response


class SupporterEraseView(SupporterRequestView):
    """Erase one supporter everywhere, after a confirmation step."""

    template_name = "actions/admin/supporter_erase.html"
    page_title = "Erase a supporter’s data"

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if self.request.POST.get("confirmed") != "yes":
            counts = privacy.held_counts(email)
            context = self.get_context_data(
                form=form,
                email=email,
                signature_count=counts["signatures"],
                submission_count=counts["submissions"],
            )
            return self.render_to_response(context)
        counts = privacy.erase_supporter(email)
        reference = privacy.supporter_reference(email)
        log_request(self.request, privacy.ERASED, reference, **counts)
        messages.success(
            self.request,
            f"Erased supporter {reference}: {privacy.describe_erasure(counts)}. "
            "Give this reference if you confirm the erasure to them.",
        )
        return redirect(START)


class SupporterRequestViewSet(ViewSet):
    """“Supporter data requests” under Supporters, for those who may see
    supporters' data."""

    name = "supporter_data"
    url_prefix = "supporter-data"
    icon = "user"
    menu_label = "Supporter data requests"
    menu_item_class = SupporterDataMenuItem

    def get_urlpatterns(self):
        return [
            path("", SupporterDataView.as_view(), name="index"),
            path("export/", SupporterExportView.as_view(), name="export"),
            path("erase/", SupporterEraseView.as_view(), name="erase"),
        ]


def log_request(request, action, reference, **counts):
    """The audit log entry of an export or erasure, as the staff member signed in."""
    privacy.record(action, reference, by=audit.acting_user(request), **counts)


class SupporterExportFormatter(LogFormatter):
    label = "Export supporter data"

    def format_message(self, log_entry):
        data = log_entry.data
        signatures, submissions = data["signatures"], data["submissions"]
        return (
            f"Exported the data held about supporter {data['supporter']} "
            f"({signatures} signature{pluralize(signatures)}, "
            f"{submissions} form submission{pluralize(submissions)}){by(log_entry)}"
        )


class SupporterEraseFormatter(LogFormatter):
    label = "Erase supporter data"

    def format_message(self, log_entry):
        data = log_entry.data
        return (
            f"Erased supporter {data['supporter']}: {privacy.describe_erasure(data)}{by(log_entry)}"
        )


class ListExportFormatter(LogFormatter):
    label = "Export a list of supporters"

    def format_message(self, log_entry):
        data = log_entry.data
        rows = data["rows"]
        return f"Exported {data['list']} as {data['format'].upper()} ({rows} row{pluralize(rows)})"


def by(log_entry):
    """How the request was made, when not in the admin."""
    return " from the command line" if log_entry.user_id is None else ""
