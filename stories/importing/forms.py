"""Reading one row of the import file with a Django form: a field per column
the file has, each reading its cell as the story field it fills (the fields
and their messages come from stories/fields.py and the story model)."""

import re
from html import escape

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from wagtail.fields import StreamField
from wagtail.rich_text import RichText

from stories.fields import IMPORT_COLUMNS
from stories.models import ExonereeStoryPage

REQUIRED = "This column can’t be empty."
COLUMNS_BY_NAME = {column.name: column for column in IMPORT_COLUMNS}

# Columns whose empty cell keeps the story's own value instead of clearing it.
KEPT_WHEN_EMPTY = ("title", "body")


class Cell:
    """Mixed into a form field: reads a cell (spaces around it ignored),
    gives the model field's default for an empty cell, and can quote the
    cell in its messages as %(value)s."""

    default_error_messages = {"required": REQUIRED}

    def __init__(self, *, default=None, **kwargs):
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value):
        cell = (value or "").strip()
        try:
            value = super().clean(cell)
        except ValidationError as error:
            params = self.message_params(cell)
            raise ValidationError(
                [
                    ValidationError(e.message, code=e.code, params={**params, **(e.params or {})})
                    for e in error.error_list
                ]
            ) from None
        return self.default if value in self.empty_values else value

    def message_params(self, cell):
        return {"value": cell}


class TextCell(Cell, forms.CharField):
    pass


class YesNoCell(Cell, forms.Field):
    """Yes or no as spreadsheets write it, in any case; an empty cell is no."""

    default_error_messages = {
        "invalid": "“%(value)s” isn’t yes or no. Use yes, no, true, false, 1 or 0."
    }
    WORDS = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}

    def to_python(self, value):
        if not value:
            return False
        try:
            return self.WORDS[value.lower()]
        except KeyError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class WholeNumberCell(Cell, forms.IntegerField):
    """Digits only: no sign, decimal point or separator a spreadsheet may add."""

    def to_python(self, value):
        if value and not value.isdigit():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class DecimalCell(Cell, forms.DecimalField):
    default_error_messages = {"min_value": "This can’t be negative."}


class DateCell(Cell, forms.DateField):
    default_error_messages = {
        "invalid": "“%(value)s” isn’t a date. Write it as YYYY-MM-DD, e.g. 2024-03-15."
    }

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m-%d"], **kwargs)


class ChoiceCell(Cell, forms.ChoiceField):
    """A choice given by its value or its label, in any case."""

    def to_python(self, value):
        wanted = super().to_python(value).lower()
        for choice, label in self.choices:
            if wanted in {str(choice).lower(), str(label).lower()}:
                return choice
        return value

    def message_params(self, cell):
        return {"value": cell, "choices": ", ".join(str(choice) for choice, __ in self.choices)}


class BodyCell(Cell, forms.CharField):
    """Plain text as one rich-text block: a paragraph per blank-line-separated
    chunk, single line breaks kept, everything HTML-escaped."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        paragraphs = [chunk.strip() for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
        html = "".join(
            "<p>" + "<br/>".join(escape(line.strip()) for line in chunk.split("\n")) + "</p>"
            for chunk in paragraphs
        )
        return [("text", RichText(html))]


class FactorsCell(forms.ModelMultipleChoiceField):
    """Slugs separated by semicolons, in any case; the factors in the cell's
    order, and every unknown slug named at once."""

    default_error_messages = {
        "required": "Give at least one factor slug, e.g. false-confession.",
        "invalid_choice": "Unknown factor %(value)s. Use these slugs, separated by ';': %(known)s.",
    }

    def __init__(self, queryset, known=None, **kwargs):
        super().__init__(queryset, to_field_name="slug", **kwargs)
        # {slug: factor}, read once for a whole file, or here for each row.
        self.known = known

    def clean(self, value):
        slugs = (slug.strip().lower() for slug in (value or "").split(";"))
        return super().clean(list(dict.fromkeys(slug for slug in slugs if slug)))

    def _check_values(self, value):
        known = self.known
        if known is None:
            known = {getattr(item, self.to_field_name).lower(): item for item in self.queryset}
        unknown = [slug for slug in value if slug not in known]
        if unknown:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={
                    "value": ", ".join(f"“{slug}”" for slug in unknown),
                    "known": ", ".join(sorted(known)),
                },
            )
        return [known[slug] for slug in value]


def cell_field(column, factors=None):
    """The form field that reads `column` (a StoryField) as its model field;
    `factors` ({slug: factor}) spares a query per row."""
    model_field = ExonereeStoryPage._meta.get_field(column.attribute)
    required = column.required == "yes"
    messages = {"invalid": column.invalid, "invalid_choice": column.invalid}
    messages = {code: message for code, message in messages.items() if message}
    default = None if column.name in KEPT_WHEN_EMPTY else model_field.get_default()
    cell = {"required": required, "error_messages": messages, "default": default}
    if model_field.many_to_many:
        return FactorsCell(
            model_field.related_model.objects.all(), known=factors, required=required
        )
    if isinstance(model_field, StreamField):
        return BodyCell(**cell)
    if isinstance(model_field, models.BooleanField):
        return YesNoCell(**{**cell, "required": False})
    if model_field.choices:
        return ChoiceCell(choices=model_field.choices, **cell)
    if isinstance(model_field, models.IntegerField):
        return WholeNumberCell(**cell)
    if isinstance(model_field, models.DecimalField):
        return DecimalCell(
            max_digits=model_field.max_digits,
            decimal_places=model_field.decimal_places,
            min_value=0,  # every number a story holds counts time
            **cell,
        )
    if isinstance(model_field, models.DateField):
        return DateCell(**cell)
    return TextCell(max_length=model_field.max_length, **cell)


class StoryRowForm(forms.Form):
    """One row of the import file, bound to its cells by column name.

    Its fields are the columns the file has, in the file's order, so a column
    left out of the file is left alone. `cleaned_data` holds each valid cell
    as a value for the story; `errors` says, by column, what is wrong."""

    def __init__(self, cells, *, columns, factors=None):
        super().__init__(cells)
        self.fields = {name: cell_field(COLUMNS_BY_NAME[name], factors) for name in columns if name}
