"""Case records in the admin: a read-only listing with search, filters and
CSV/XLSX export, an inspect view of every field, and the import screen."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.urls import path, reverse
from django.utils.functional import cached_property

from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from core.import_views import ImportUploadView
from core.spreadsheets import ExcelReadyExportMixin

from .filters import CaseRecordFilterSet
from .importing import COLUMNS, ImportFailed, jobs
from .importing.reading import check_header
from .models import FACTOR_FIELDS, CaseRecord
from .permissions import can_import

# The hook through which a higher app offers what to do with a record (the
# stories app: make a draft story from it): functions of (request, record)
# returning a list of wagtail.admin.widgets.button.Button.
CASE_RECORD_BUTTONS_HOOK = "register_case_record_buttons"
MAX_FILE_SIZE = 20 * 1024 * 1024  # the Registry's download is about 1 MB


def factors_display(record):
    return ", ".join(record.factor_codes) or "—"


def labelled_codes(pairs):
    return "; ".join(f"{label} ({code})" if label != code else code for code, label in pairs)


class CaseRecordIndexView(ExcelReadyExportMixin, IndexView):
    template_name = "registry/admin/index.html"

    @cached_property
    def header_buttons(self):
        if not can_import(self.request.user):
            return []
        return [HeaderButton("Import", url=reverse("registry_import"), icon_name="upload")]


class CaseRecordInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return "—" if value in (None, "") else value

    def get_tags_display_value(self):
        return labelled_codes(self.object.tag_labels) or "—"

    def get_misconduct_tags_display_value(self):
        return labelled_codes(self.object.misconduct_tag_labels) or "—"

    @cached_property
    def header_buttons(self):
        return [
            button
            for offer in hooks.get_hooks(CASE_RECORD_BUTTONS_HOOK)
            for button in offer(self.request, self.object)
        ]


class CaseRecordViewSet(ModelViewSet):
    """The Registry's records, read only: they change only by import."""

    model = CaseRecord
    name = "case_records"
    icon = "table"
    menu_label = "Case records"
    menu_order = 330
    add_to_admin_menu = True
    index_view_class = CaseRecordIndexView
    inspect_view_class = CaseRecordInspectView
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["id"]
    copy_view_enabled = False
    add_to_reference_index = False
    filterset_class = CaseRecordFilterSet
    # Searched in the Wagtail search index (CaseRecord.search_fields: names,
    # also as their first letters), which each import keeps up to date in bulk.
    list_per_page = 50
    list_export = [
        "last_name",
        "first_name",
        "age",
        "race",
        "sex",
        "state",
        "county",
        "worst_crime",
        "sentence",
        "crime_year",
        "conviction_year",
        "exoneration_year",
        "posted_on",
        *FACTOR_FIELDS.values(),
        "dna",
        "tags",
        "misconduct_tags",
        "imported_at",
    ]
    export_filename = "case-records"

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "name",
                label="Name",
                sort_key="last_name",
                url_name=self.get_url_name("inspect"),
            ),
            Column("state", label="State", sort_key="state"),
            Column("county", label="County"),
            Column("worst_crime", label="Worst crime"),
            Column("conviction_year", label="Convicted", sort_key="conviction_year"),
            Column("exoneration_year", label="Exonerated", sort_key="exoneration_year"),
            Column("factors", label="Factors", accessor=factors_display),
            BooleanColumn("dna", label="DNA", sort_key="dna"),
        ]

    def get_urlpatterns(self):
        # Listing and inspecting only: records change by import, never by hand.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]

    @property
    def url_finder_class(self):
        # No edit view: a record's admin link opens its inspect view.
        return type(
            "CaseRecordURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )


class CaseRecordChooserViewSet(ChooserViewSet):
    """Choosing a story's case record: searched by name."""

    model = CaseRecord
    icon = "table"
    choose_one_text = "Choose a case record"
    choose_another_text = "Choose another case record"
    edit_item_text = "Inspect"
    per_page = 20


class RegistryImportForm(forms.Form):
    file = forms.FileField(
        label="The Registry's download",
        validators=[FileExtensionValidator(["xlsx", "csv"])],
        help_text="The spreadsheet as downloaded from the National Registry of Exonerations: "
        ".xlsx, or .csv saved as UTF-8, with its header row unchanged.",
    )
    dry_run = forms.BooleanField(
        label="Only check the file",
        required=False,
        help_text="Read every row and report what would be created, updated or skipped, "
        "without saving anything.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError("The file is larger than 20 MB: is it the Registry's?")
        # Refused now, with its reason, rather than queued to fail.
        try:
            check_header(upload)
        except ImportFailed as failure:
            raise forms.ValidationError(f"Nothing was imported. {failure.message}") from None
        upload.seek(0)
        return upload


class RegistryImportView(ImportUploadView):
    """Case records → Import. Bad rows are skipped and listed; a file that
    can't be read as a whole imports nothing."""

    kind = jobs.KIND
    form_class = RegistryImportForm
    template_name = "registry/admin/import.html"
    page_title = "Import case records"
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("case_records:index"), "label": "Case records"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=COLUMNS, **kwargs)
