"""The admin screens where staff import stories from a CSV file (the request
checks the file's type, size and header row, stores it and queues the import
for the worker, core.importers, then shows the import's page with its
progress) and make a draft story from a case record."""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.import_views import ImportUploadView
from registry.models import CaseRecord

from .from_registry import draft_story_from, missing_facts
from .importing import COLUMN_REFERENCE, ImportFailed, jobs
from .importing.reading import check_header
from .models import CompensationStatus, ContributingFactor, ExonerationBasis

MAX_FILE_SIZE = 2 * 1024 * 1024


class StoryImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        validators=[FileExtensionValidator(["csv"])],
        help_text="A spreadsheet saved as CSV (UTF-8), one story per row, under a header row "
        "of column names. The columns are listed below the form.",
    )
    check_only = forms.BooleanField(
        label="Only check the file",
        required=False,
        help_text="Report what would be created or updated, and write nothing.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError("The file is larger than 2 MB: split it into several.")
        try:
            check_header(upload.read())
        except ImportFailed as failure:
            raise forms.ValidationError([str(problem) for problem in failure.problems]) from None
        upload.seek(0)
        return upload


class ImportStoriesView(ImportUploadView):
    """Every row is checked first; the import is all or nothing, and stories
    arrive as drafts for review. The rows are read in the worker."""

    kind = jobs.KIND
    dry_run_field = "check_only"
    form_class = StoryImportForm
    template_name = "stories/admin/import.html"
    page_title = "Import stories"
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=[
                (column.name, with_code(column.required), with_code(column.help))
                for column in COLUMN_REFERENCE
            ],
            factors=ContributingFactor.objects.order_by("name").values_list("slug", "name"),
            bases=ExonerationBasis.choices,
            compensations=CompensationStatus.choices,
            **kwargs,
        )


def with_code(text):
    """The column's help as HTML: names and values in `backticks` as code."""
    parts = re.split(r"`([^`]*)`", text)  # odd positions were in backticks
    return format_html_join(
        "",
        "{}",
        ((format_html("<code>{}</code>", p) if i % 2 else p,) for i, p in enumerate(parts)),
    )


class DraftFromCaseRecordView(WagtailAdminTemplateMixin, TemplateView):
    """Case records → a record → Make a draft story: asks first (a GET never
    creates anything), then creates the draft and opens its editor."""

    template_name = "stories/admin/draft_from_case_record.html"
    page_title = "Make a draft story"
    header_icon = "doc-empty-inverse"

    def dispatch(self, request, *args, pk, **kwargs):
        self.record = get_object_or_404(CaseRecord, pk=pk)
        if not jobs.can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("case_records:index"), "label": "Case records"},
            {"url": reverse("case_records:inspect", args=[self.record.pk]), "label": self.record},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            record=self.record,
            stories=self.record.stories.order_by("title"),
            missing=missing_facts(self.record),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        story = draft_story_from(self.record, request.user)
        missing = missing_facts(self.record)
        messages.success(
            request,
            f"A draft story for {story.person_name} was made from the Registry's record"
            + (f"; the record doesn't give {', '.join(missing)}: fill them in." if missing else ".")
            + " Write the story, and tick consent only once it is on file: until then it can't "
            "be published.",
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[story.pk]))
