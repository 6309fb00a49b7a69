"""Published stories as open data: CSV and JSON at stable URLs.

Only fields listed in PUBLIC_FIELDS ever leave the site. The consent and
legal-review fields (PRIVATE_FIELDS on the story model) are never read here,
and a test makes sure they never appear.
"""

import csv
import io

from django.db.models import F, Prefetch
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from stories.models import ContributingFactor, ExonereeStoryPage

# The columns of the CSV and the keys of each JSON record, in order. Changing
# a name breaks people's scripts: add new fields at the end instead.
PUBLIC_FIELDS = (
    "url",
    "slug",
    "person_name",
    "title",
    "summary",
    "state",
    "state_name",
    "other_jurisdiction",
    "county",
    "crimes_charged",
    "sentence",
    "death_row",
    "crime_year",
    "conviction_year",
    "exoneration_year",
    "years_lost",
    "dna_based",
    "factors",
    "themes",
    "basis",
    "real_perpetrator_identified",
    "compensation",
    "first_published_at",
)

# Shared caches and browsers may keep the files for five minutes.
MAX_AGE = 300

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


# The story's own columns that the records read; nothing else is loaded, so
# the private fields never even leave the database.
LOADED_FIELDS = (
    # Page fields for the URL and the listing.
    "id",
    "path",
    "depth",
    "url_path",
    "slug",
    "title",
    "live",
    "locale_id",
    "content_type_id",
    "first_published_at",
    # Case facts.
    "person_name",
    "summary",
    "jurisdiction",
    "other_jurisdiction",
    "county",
    "crimes_charged",
    "sentence",
    "death_row",
    "crime_year",
    "conviction_year",
    "exoneration_year",
    "years_lost",
    "dna_based",
    "basis",
    "real_perpetrator_identified",
    "compensation",
)


def published_stories():
    """Live stories outside any private section, newest first, with their
    factors and the factors' themes: one query more, however many stories."""
    factors = ContributingFactor.objects.select_related("theme").order_by("slug")
    return (
        ExonereeStoryPage.objects.live()
        .public()
        .only(*LOADED_FIELDS)
        .prefetch_related(Prefetch("factors", queryset=factors))
        .order_by(F("first_published_at").desc(nulls_last=True), "-pk")
    )


def story_record(story, request):
    """One story as a dict of public values, in PUBLIC_FIELDS order."""
    factors = list(story.factors.all())
    themes = []
    for factor in factors:
        theme = factor.theme
        if theme is not None and theme.live and theme.title not in themes:
            themes.append(theme.title)
    published = story.first_published_at
    return {
        "url": story.get_full_url(request=request),
        "slug": story.slug,
        "person_name": story.person_name,
        "title": story.title,
        "summary": story.summary,
        "state": story.jurisdiction,
        "state_name": story.get_jurisdiction_display(),
        "other_jurisdiction": story.other_jurisdiction,
        "county": story.county,
        "crimes_charged": story.crimes_charged,
        "sentence": story.sentence,
        "death_row": story.death_row,
        "crime_year": story.crime_year,
        "conviction_year": story.conviction_year,
        "exoneration_year": story.exoneration_year,
        # A JSON number, not a string: 11.5 or 11.0.
        "years_lost": float(story.years_lost) if story.years_lost is not None else None,
        "dna_based": story.dna_based,
        "factors": [factor.slug for factor in factors],
        "themes": themes,
        "basis": story.basis,
        "real_perpetrator_identified": story.real_perpetrator_identified,
        "compensation": story.compensation,
        "first_published_at": published.isoformat() if published else None,
    }


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
    if text.startswith(FORMULA_TRIGGERS):
        text = f"'{text}"
    return text


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
