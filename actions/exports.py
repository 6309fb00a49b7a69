"""Spreadsheet exports of what supporters typed: safe to open, and easy to
read: times to the minute in the organisation's time zone, which the column
heading names, and Yes or No rather than True or False."""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.log_actions import log

from core import audit
from core.spreadsheets import ExcelReadyExportMixin

from . import privacy

MINUTE = "%Y-%m-%d %H:%M"
EXCEL_MINUTE = "yyyy-mm-dd hh:mm"


class SafeSpreadsheetExportMixin(ExcelReadyExportMixin):
    """For Wagtail's export views: safe cells and a CSV that Excel reads as
    UTF-8 (core.spreadsheets); times to the minute in local time (named in
    their column's heading) and booleans as Yes/No."""

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            local = local.replace(second=0, microsecond=0, tzinfo=None)
            # Excel gets a real date it can sort, shown as the CSV writes it.
            return (
                local
                if export_format == SpreadsheetExportMixin.FORMAT_XLSX
                else f"{local:{MINUTE}}"
            )
        return super().preprocess_field_value(field, value, export_format)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The file, and an audit log entry that says who exported which list,
        how and how many rows: never which supporters, nor what was searched
        for (it may be someone's name)."""
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        rows = queryset.count() if isinstance(queryset, models.QuerySet) else len(queryset)
        log(
            instance=audit.acting_user(self.request),
            action=privacy.LIST_EXPORTED,
            title=f"Export of {self.export_description()}",
            data={"list": self.export_description(), "format": spreadsheet_format, "rows": rows},
        )
        return response

    def export_description(self):
        """What the list is, for the audit log: its model's plural name, or a
        form's title for its own submissions."""
        form = getattr(self, "form_page", None)
        if form is not None:
            return f"the answers to “{form.title}”"
        return str(self.model._meta.verbose_name_plural)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        return super().generate_xlsx_row(worksheet, row_dict, date_format=EXCEL_MINUTE)

    def get_heading(self, queryset, field):
        heading = super().get_heading(queryset, field)
        if self.is_time_column(queryset.model, field):
            return f"{heading} ({timezone.get_current_timezone_name()})"
        return heading

    @staticmethod
    def is_time_column(model, field):
        try:
            return isinstance(model._meta.get_field(field), models.DateTimeField)
        except FieldDoesNotExist:
            return False


class SafeSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Sign-up form submissions, exported safely."""
