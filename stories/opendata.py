"""Published stories as open data: CSV and JSON at stable URLs.

Only the public fields of stories/fields.py ever leave the site. The consent and
legal-review fields (PRIVATE_FIELDS on the story model) are never read here,
and a test makes sure they never appear.
"""

import csv
import io
from itertools import chain

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.views.decorators.http import require_safe

from core.locales import current_language
from core.pagecache import share
from core.spreadsheets import text_cell
from stories.fields import OPEN_DATA_FIELDS
from stories.models import ExonereeStoryPage

# The columns of the CSV and the keys of each JSON record, in order: the
# public fields of stories/fields.py. Changing a name breaks people's scripts.
PUBLIC_FIELDS = tuple(field.name for field in OPEN_DATA_FIELDS)

# Stories read from the database at a time (each read costs a query for their
# factors), and records written to the response at a time.
STORIES_PER_READ = 1000
RECORDS_PER_PIECE = 100


# The story's own columns that the records read; nothing else is loaded, so
# the private fields never even leave the database.
LOADED_FIELDS = tuple(dict.fromkeys(column for field in OPEN_DATA_FIELDS for column in field.loads))


def published_stories():
    """Live stories in the address's language (/es/stories.json: Spanish)
    outside any private section, newest first, with their factors and the
    factors' themes: one query more, however many stories."""
    stories = ExonereeStoryPage.objects.published().in_locale(current_language())
    return stories.with_factors().newest_first().only(*LOADED_FIELDS)


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
    """The same for everyone, staff included: shared with the edge (streamed,
    it is not kept in the app's cache), and forgotten when a story changes
    (the story model's urls_showing_outside_pages)."""
    share(response)
    # Public data without credentials: any site may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def records(stories, request):
    """Each story's record, reading the stories STORIES_PER_READ at a time
    (and their factors with each read), so that memory stays flat however
    many stories there are."""
    for story in stories.iterator(chunk_size=STORIES_PER_READ):
        yield story_record(story, request)


def in_pieces(texts):
    """`texts` joined RECORDS_PER_PIECE at a time: one write to the socket
    per piece, not per story."""
    piece = []
    for text in texts:
        piece.append(text)
        if len(piece) == RECORDS_PER_PIECE:
            yield "".join(piece)
            piece = []
    if piece:
        yield "".join(piece)


@require_safe
def stories_csv(request):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def row(values):
        writer.writerow(values)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    rows = (
        row([csv_cell(record[field]) for field in PUBLIC_FIELDS])
        for record in records(published_stories(), request)
    )
    response = StreamingHttpResponse(
        in_pieces(chain([row(PUBLIC_FIELDS)], rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="stories.csv"'
    return _cacheable(response)


@require_safe
def stories_json(request):
    stories = published_stories()
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    # The bytes JsonResponse wrote for the whole document at once: the count
    # first (one query more), then the records as they are read.
    head = encoder.encode({"count": stories.count(), "fields": list(PUBLIC_FIELDS)})
    items = (
        (", " if n else "") + encoder.encode(record)
        for n, record in enumerate(records(stories, request))
    )
    response = StreamingHttpResponse(
        in_pieces(chain([f'{head[:-1]}, "stories": ['], items, ["]}"])),
        content_type="application/json",
    )
    return _cacheable(response)
