"""The admin screen where staff import stories from a CSV file."""

import re

from django import forms
from django.contrib import messages
from django.core.validators import FileExtensionValidator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .importing import COLUMN_REFERENCE, ImportFailed, import_stories
from .models import CompensationStatus, ContributingFactor, ExonerationBasis, StoryIndexPage

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
        return upload


class ImportStoriesView(WagtailAdminTemplateMixin, FormView):
    """Every row is checked first; the import is all or nothing, and stories
    arrive as drafts for review."""

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

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        check_only = form.cleaned_data["check_only"]
        try:
            result = import_stories(
                form.cleaned_data["file"].read(), dry_run=check_only, user=self.request.user
            )
        except ImportFailed as failure:
            context = self.get_context_data(form=form, problems=failure.problems)
            return self.render_to_response(context, status=400)
        if check_only:
            lines = [story.describe(dry_run=True) for story in result.stories]
            context = self.get_context_data(form=form, result=result, lines=lines)
            return self.render_to_response(context)
        messages.success(self.request, f"Import finished: {result.summary()}")
        index = StoryIndexPage.objects.first()
        return redirect(reverse("wagtailadmin_explore", args=[index.pk]))


def with_code(text):
    """The column's help as HTML: names and values in `backticks` as code."""
    parts = re.split(r"`([^`]*)`", text)  # odd positions were in backticks
    return format_html_join(
        "",
        "{}",
        ((format_html("<code>{}</code>", p) if i % 2 else p,) for i, p in enumerate(parts)),
    )
