"""The admin screens for supporters' data: signatures (list, filters, inspect,
CSV and XLSX export), supporter data requests (export or erase everything
held about one address), consent statements, and the dashboard's counts.

Names, addresses and form submissions are behind one permission,
`actions.view_supporter_data`; the dashboard shows counts to everyone."""

import json
from datetime import timedelta
from functools import reduce
from operator import or_

import django_filters

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.text import Truncator
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView, PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from . import privacy
from .exports import SafeSpreadsheetExportMixin
from .models import (
    ConsentStatement,
    LetterCompletion,
    LetterPage,
    PetitionPage,
    Signature,
    SignUpPage,
    SignUpSubmission,
)

SUPPORTER_DATA_PERMISSION = "actions.view_supporter_data"


def can_see_supporter_data(user):
    return user.has_perm(SUPPORTER_DATA_PERMISSION)


class SupporterDataPermissionPolicy(ModelPermissionPolicy):
    """Signatures and form answers are seen only with
    `actions.view_supporter_data` (superusers have every permission). Nobody
    adds, edits or deletes them in the admin: erasure goes through the
    supporter data requests (actions.privacy), which anonymises signatures so
    that every petition's count stays true."""

    def user_has_permission(self, user, action):
        return action == "view" and can_see_supporter_data(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames({"view_supporter_data"})


def signer_name(signature):
    return "Anonymised" if signature.anonymised_at else signature.full_name


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
        fields = ["action", "opt_in", "delivery_status", "source_page", "created_at"]


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
        "consent",
        "created_at",
        "source_page",
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
        "created_at",
        "consent",
        "get_delivery_status_display",
        "anonymised_at",
    ]
    export_headings = {
        "petition_title": "Petition",
        "postcode": "Postcode or ZIP",
        "opt_in": "Wants updates",
        "source_page": "Came from",
        "created_at": "Signed",
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
                "delivery_status",
                label="Sent to CRM",
                accessor="get_delivery_status_display",
                sort_key="delivery_status",
            ),
        ]


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
        fields = ["page", "submit_time"]


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
    labels = {"title": "Form", "submit_time": "Sent", "answers": "Answers"}

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
    inspect_view_fields = ["title", "submit_time", "answers"]
    list_export = ["title", "submit_time", "answers_text"]
    export_headings = {"title": "Form", "submit_time": "Sent", "answers_text": "Answers"}
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
        ]


class SupportersMenu(ViewSetGroup):
    """“Supporters” in the admin menu: shown only to those who may see their data."""

    menu_label = "Supporters"
    menu_icon = "group"
    menu_order = 320
    items = [SignatureViewSet, FormAnswerViewSet]
    submenu_hook = "register_supporters_menu_item"


class SupporterDataMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_supporter_data(request.user)


# Supporter data requests


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


class SupporterDataView(SupporterDataViewMixin, FormView):
    """Find what is held about one address, then export or erase it. The
    address is posted, never put in a URL, so it stays out of server logs and
    browser history."""

    form_class = SupporterEmailForm
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


class SupporterExportView(SupporterDataViewMixin, FormView):
    """The supporter's data as a JSON file, to send to them (GDPR Art. 15 and 20)."""

    form_class = SupporterEmailForm
    http_method_names = ["post"]

    def form_invalid(self, form):
        messages.error(self.request, " ".join(form.errors["email"]))
        return redirect("actions_supporter_data")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        data = privacy.supporter_data(email)
        reference = privacy.supporter_reference(email)
        log_request(
            self.request,
            "actions.supporter_data.export",
            reference,
            signatures=len(data["signatures"]),
            submissions=len(data["form_submissions"]),
        )
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="supporter-{reference}.json"'
        return response


class SupporterEraseView(SupporterDataViewMixin, FormView):
    """Erase one supporter everywhere, after a confirmation step."""

    form_class = SupporterEmailForm
    template_name = "actions/admin/supporter_erase.html"
    page_title = "Erase a supporter’s data"
    http_method_names = ["post"]

    def form_invalid(self, form):
        messages.error(self.request, " ".join(form.errors["email"]))
        return redirect("actions_supporter_data")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if self.request.POST.get("confirmed") != "yes":
            context = self.get_context_data(
                form=form,
                email=email,
                signature_count=privacy.signatures_for(email).count(),
                submission_count=len(privacy.submissions_for(email)),
            )
            return self.render_to_response(context)
        counts = privacy.erase_supporter(email)
        reference = privacy.supporter_reference(email)
        log_request(self.request, "actions.supporter_data.erase", reference, **counts)
        messages.success(
            self.request,
            f"Erased supporter {reference}: {describe_counts(counts)}. "
            "Give this reference if you confirm the erasure to them.",
        )
        return redirect("actions_supporter_data")


def plural(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"


def describe_counts(counts):
    return (
        f"{plural(counts['signatures'], 'signature')} anonymised, "
        f"{plural(counts['submissions'], 'form submission')} deleted"
    )


def log_request(request, action, reference, **counts):
    """One audit log entry per export or erasure. The supporter appears only as
    a keyed hash; the entry belongs to the staff member who made the request,
    because the supporter is not a record in the admin."""
    log(
        instance=request.user,
        action=action,
        title=f"Supporter {reference}",
        data={"supporter": reference, **counts},
    )


class SupporterExportFormatter(LogFormatter):
    label = "Export supporter data"

    def format_message(self, log_entry):
        data = log_entry.data
        return (
            f"Exported the data held about supporter {data['supporter']} "
            f"({plural(data['signatures'], 'signature')}, "
            f"{plural(data['submissions'], 'form submission')})"
        )


class SupporterEraseFormatter(LogFormatter):
    label = "Erase supporter data"

    def format_message(self, log_entry):
        return f"Erased supporter {log_entry.data['supporter']}: {describe_counts(log_entry.data)}"


# Consent statements


class ConsentStatementViewSet(SnippetViewSet):
    """Consent wording, kept by version. Editing one that supporters agreed to
    is refused by the model; copying it makes the next version."""

    model = ConsentStatement
    icon = "clipboard-list"
    menu_label = "Consent statements"
    add_to_settings_menu = True
    inspect_view_enabled = True
    list_display = [
        "__str__",
        Column("text", label="Wording", accessor=lambda c: Truncator(c.text).words(25)),
    ]


def refuse_deleting_agreed_consent(request, instances):
    """Deleting a statement that signatures point to would fail (PROTECT):
    say why instead."""
    in_use = [c for c in instances if isinstance(c, ConsentStatement) and c.is_in_use()]
    if not in_use:
        return None
    names = ", ".join(str(consent) for consent in in_use)
    messages.error(
        request,
        f"Supporters have agreed to {names}, so it is kept with their signatures. "
        "To change the wording, add a new version.",
    )
    return redirect(reverse("wagtailsnippets_actions_consentstatement:list"))


# Deleting pages that supporters sent something to


def supporters_below(pages):
    """How many signatures, sign-up submissions and letters were sent to
    `pages` or the pages below them: three queries."""
    below = reduce(or_, (Q(path__startswith=page.path) for page in pages))
    return {
        "signatures": Signature.objects.filter(action__in=PetitionPage.objects.filter(below)),
        "submissions": SignUpSubmission.objects.filter(page__in=SignUpPage.objects.filter(below)),
        "letters": LetterCompletion.objects.filter(action__in=LetterPage.objects.filter(below)),
    }


def warn_before_deleting_supporters_pages(request, page):
    """On the delete confirmation of a page that supporters signed or
    answered (or one above such pages): say what is kept and what goes."""
    if request.method != "GET":
        return
    sent = {kind: queryset.count() for kind, queryset in supporters_below([page]).items()}
    kept = []
    if sent["signatures"]:
        kept.append(f"{sent['signatures']:,} signature{pluralize(sent['signatures'])}")
    if sent["submissions"]:
        kept.append(f"{sent['submissions']:,} sign-up answer{pluralize(sent['submissions'])}")
    if not kept and not sent["letters"]:
        return
    parts = []
    where = "this page" if page.is_leaf() else "this page or the pages below it"
    if kept:
        parts.append(
            f"Supporters sent {' and '.join(kept)} to {where}. They are kept after it is "
            "deleted, with its title, under Supporters (Signatures, Form answers)."
        )
    if sent["letters"]:
        parts.append(
            f"The count of {sent['letters']:,} letter{pluralize(sent['letters'])} written "
            "goes with the page."
        )
    parts.append("To take it off the site and keep everything, unpublish it instead.")
    buttons = []
    if (
        sent["signatures"]
        and isinstance(page, PetitionPage)
        and can_see_supporter_data(request.user)
    ):
        listing = reverse("signatures:index")
        buttons.append(messages.button(f"{listing}?action={page.pk}", "See the signatures"))
    messages.warning(request, " ".join(parts), buttons=buttons)


def refuse_bulk_deleting_supporters_pages(request, pages, next_url):
    """Bulk deletion has no place for the warning above: pages that supporters
    signed or answered are deleted one at a time, where it is shown."""
    sent = supporters_below(pages)
    if not (sent["signatures"].exists() or sent["submissions"].exists()):
        return None
    messages.error(
        request,
        "Nothing was deleted: supporters signed or answered some of these pages. "
        "Delete those one at a time, to see what happens to what they sent.",
    )
    return redirect(next_url)


# Dashboard


class SupporterCountsPanel(Component):
    """What supporters did, for everyone who uses the admin: counts only,
    never a name or an address. Four queries."""

    name = "supporter_counts"
    template_name = "actions/admin/dashboard_panel.html"
    order = 400  # after the to-do panels: counts are for reading, not acting on

    def get_context_data(self, parent_context=None):
        week_ago = timezone.now() - timedelta(days=7)
        petitions = self.counted(PetitionPage, "signatures", "created_at", week_ago, "signatures")
        letters = self.counted(LetterPage, "completions", "created_at", week_ago, "letters written")
        signups = self.counted(
            SignUpPage, "submissions", "submit_time", week_ago, "form submissions"
        )
        stories = (
            Signature.objects.filter(source_page__exonereestorypage__isnull=False)
            .values("source_page_id", "source_page__title")
            .annotate(count=Count("pk"))
            .order_by("-count", "source_page__title")[:5]
        )
        return {
            "signatures": self.totals(petitions),
            "letters": self.totals(letters),
            "actions": petitions + letters + signups,
            "stories": list(stories),
        }

    @staticmethod
    def counted(model, relation, date_field, since, unit):
        """Each action of one kind with its count, in total and since `since`."""
        recent = Q(**{f"{relation}__{date_field}__gte": since})
        rows = (
            model.objects.annotate(total=Count(relation), recent=Count(relation, filter=recent))
            .order_by("-total", "title")
            .values("pk", "title", "total", "recent")
        )
        return [{**row, "unit": unit} for row in rows]

    @staticmethod
    def totals(rows):
        # The totals of the actions listed, without another query; what was
        # sent to a page since deleted is kept, but no longer counted here.
        return {
            "total": sum(row["total"] for row in rows),
            "recent": sum(row["recent"] for row in rows),
        }
