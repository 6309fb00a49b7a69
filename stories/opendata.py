"""Published stories as open data: CSV and JSON at stable URLs.

Only the public fields of stories/fields.py ever leave the site. The consent and
legal-review fields (PRIVATE_FIELDS on the story model) are never read here,
and a test makes sure they never appear.
"""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from core.spreadsheets import text_cell
from stories.fields import OPEN_DATA_FIELDS
from stories.models import ExonereeStoryPage

# The columns of the CSV and the keys of each JSON record, in order: the
# public fields of stories/fields.py. Changing a name breaks people's scripts.
PUBLIC_FIELDS = tuple(field.name for field in OPEN_DATA_FIELDS)

# Shared caches and browsers may keep the files for five minutes.
MAX_AGE = 300


# The story's own columns that the records read; nothing else is loaded, so
# the private fields never even leave the database.
LOADED_FIELDS = tuple(dict.fromkeys(column for field in OPEN_DATA_FIELDS for column in field.loads))


def published_stories():
    """Live stories outside any private section, newest first, with their
    factors and the factors' themes: one query more, however many stories."""
    return ExonereeStoryPage.objects.published().with_factors().newest_first().only(*LOADED_FIELDS)


def story_record(story, request):
    """One story as a dict of public values, in PUBLIC_FIELDS order."""
    return {field.name: field.public_value(story, request) for field in OPEN_DATA_FIELDS}


def csv_cell(value):
    """A value as a CSV cell that a spreadsheet shows as text, never runs."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list | tuple):
        text = ";".join(str(item) for item in value)
    else:
        text = str(value)
    return text_cell(text)


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    # Public data without credentials: any site may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def stories_csv(request):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PUBLIC_FIELDS)
    for story in published_stories():
        record = story_record(story, request)
        writer.writerow([csv_cell(record[field]) for field in PUBLIC_FIELDS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="stories.csv"'
    return _cacheable(response)


@require_safe
def stories_json(request):
    stories = [story_record(story, request) for story in published_stories()]
    response = JsonResponse(
        {"count": len(stories), "fields": list(PUBLIC_FIELDS), "stories": stories},
        json_dumps_params={"ensure_ascii": False},
    )
    return _cacheable(response)
