"""The one list of a story's fields that leave the admin: what the import
file's columns are, what open data publishes, and what site search indexes.

Adding a field to a story is one change here (beside the model field):

- `required` (not None) makes it a column of the import file, with `help`
  shown to staff on the import screen and in docs/import.md (a test compares);
- `public` puts it in the open data CSV and JSON, in this list's order;
- `search`, `boost` and `filterable` put it in the search index.

Private fields (consent, legal review) may be imported but can never be
public: a StoryField refuses to be both, and a test checks that every field
in the story model's PRIVATE_FIELDS is listed here as private.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wagtail_localize.fields import SynchronizedField

from wagtail.search import index

# The page's own columns that its full URL is built from.
URL_FIELDS = ("id", "path", "depth", "url_path", "live", "locale_id", "content_type_id")

NOT_A_YEAR = "“%(value)s” isn’t a year. Enter a four-digit year, e.g. 1994."


@dataclass(frozen=True)
class StoryField:
    """One field of a story, and where it goes beyond the admin.

    `help` marks names and values with `backticks`, shown as code."""

    name: str  # the column of the import file and the key in open data
    attribute: str | None = None  # the model field, when not `name`
    # Importing: "yes", "no" or when it is needed; None if not a column.
    required: str | None = None
    help: str = ""
    # The message for a cell that can't be read as this field, with
    # %(value)s (the cell) and, for a choice, %(choices)s (the values).
    invalid: str | None = None
    # Open data: `value(story, request)` for a computed field, and the model
    # columns it reads, so that nothing else (nothing private) is loaded.
    public: bool = False
    value: Callable[[Any, Any], Any] | None = None
    loads: tuple[str, ...] | None = None
    private: bool = False
    # Site search.
    search: bool = False
    boost: float | None = None
    filterable: bool = False

    def __post_init__(self):
        if self.attribute is None and self.value is None:
            object.__setattr__(self, "attribute", self.name)
        if self.loads is None:
            object.__setattr__(self, "loads", (self.attribute,) if self.value is None else ())
        if self.public and self.private:
            raise ValueError(f"{self.name} is private: it can't be in open data.")
        if self.imported and self.attribute is None:
            raise ValueError(f"{self.name} is imported: name the model field it fills.")

    @property
    def imported(self):
        return self.required is not None

    def public_value(self, story, request):
        if self.value is not None:
            return self.value(story, request)
        return getattr(story, self.attribute)


# Computed public values.


def full_url(story, request):
    return story.get_full_url(request=request)


def state_name(story, request):
    return story.state_name


def years_lost(story, request):
    # A JSON number, not a string: 11.5 or 11.0.
    return float(story.years_lost) if story.years_lost is not None else None


def factor_slugs(story, request):
    return [factor.slug for factor in story.factors.all()]


def live_themes(story, request):
    """The titles of the live themes the story's factors belong to, once each."""
    themes = []
    for factor in story.factors.all():
        theme = factor.theme
        if theme is not None and theme.live and theme.title not in themes:
            themes.append(theme.title)
    return themes


def first_published(story, request):
    published = story.first_published_at
    return published.isoformat() if published else None


# Every field, in the order of the open data columns and the import screen.
# Open data column names and order are relied on by people's scripts: add
# new public fields at the end.
STORY_FIELDS = (
    StoryField("url", public=True, value=full_url, loads=URL_FIELDS),
    StoryField(
        "slug",
        required="yes",
        help="The story's web address, e.g. `marcus-reed` for `/stories/marcus-reed/`. Use "
        "lowercase letters, digits and hyphens. It is also how a re-import finds the "
        "story, so never change it once imported: a row with a new slug makes a new "
        "story.",
        public=True,
    ),
    StoryField(
        "person_name",
        required="yes",
        help="The person's name as they want it used. At most 120 characters.",
        public=True,
        search=True,
        boost=3,
    ),
    StoryField(
        "title",  # searched as every page's title is
        required="no",
        help='The page title. If empty, a new story is called "The story of" + the person\'s '
        "name, and an existing story keeps its title.",
        public=True,
    ),
    StoryField(
        "summary",
        required="yes",
        help="Two sentences for cards, search results and sharing. At most 300 characters.",
        public=True,
        search=True,
        boost=2,
    ),
    StoryField(
        "state",
        attribute="jurisdiction",
        required="yes",
        help="Where the person was convicted: a two-letter state code (`TX`, `NY`, …), `DC`, "
        "`FED` (federal courts) or `OTHER` (military, tribal and other court systems). "
        "Any case; the full name shown in the admin (`Texas`, `Federal`) also works.",
        invalid="“%(value)s” isn’t a state. Use a two-letter state code such as TX, or DC, "
        "FED or OTHER.",
        public=True,
        filterable=True,
    ),
    StoryField("state_name", public=True, value=state_name, loads=("jurisdiction",)),
    StoryField(
        "other_jurisdiction",
        required="when `state` is `OTHER`",
        help="The name of the court system, e.g. `Navajo Nation courts`. Leave it empty for "
        "any other state.",
        public=True,
    ),
    StoryField("county", required="no", help="E.g. `Cook County`.", public=True),
    StoryField(
        "crimes_charged",
        required="yes",
        help="What they were convicted of, e.g. `Robbery; assault`. No victim names.",
        public=True,
        search=True,
    ),
    StoryField("sentence", required="yes", help="E.g. `25 years to life`.", public=True),
    StoryField(
        "death_row", required="no", help="Yes/no: were they sentenced to death?", public=True
    ),
    StoryField(
        "crime_year",
        required="yes",
        help="The year of the crime, four digits, e.g. `1994`.",
        invalid=NOT_A_YEAR,
        public=True,
    ),
    StoryField(
        "conviction_year",
        required="yes",
        help="The year of the conviction. Not before the crime.",
        invalid=NOT_A_YEAR,
        public=True,
    ),
    StoryField(
        "exoneration_year",
        required="yes",
        help="The year of the exoneration. Not before the conviction. No year can be before "
        "1900 or after this year.",
        invalid=NOT_A_YEAR,
        public=True,
        filterable=True,
    ),
    StoryField(
        "years_lost_known",
        required="no",
        help="Only when the record gives the exact time in custody, e.g. `11.5` (a dot, not a "
        "comma). If empty, years lost are counted from conviction to exoneration.",
        invalid="“%(value)s” isn’t a number of years. Enter e.g. 11.5, or leave it empty.",
    ),
    StoryField("years_lost", public=True, value=years_lost, loads=("years_lost",)),
    StoryField(
        "dna_based",
        required="no",
        help="Yes/no: was DNA evidence central to the exoneration?",
        public=True,
        filterable=True,
    ),
    StoryField(
        "factors",
        required="yes",
        help="How the conviction went wrong: one or more factor slugs, separated by `;`. "
        "See below.",
        attribute="factors",
        public=True,
        value=factor_slugs,  # prefetched with their themes, not loaded as a column
    ),
    StoryField("themes", public=True, value=live_themes),
    StoryField(
        "basis",
        required="yes",
        help="How the conviction was set aside for good. See below.",
        invalid="“%(value)s” isn’t a basis. Use one of: %(choices)s.",
        public=True,
    ),
    StoryField(
        "real_perpetrator_identified",
        required="no",
        help="Yes/no: was the person who really did it identified later?",
        public=True,
    ),
    StoryField(
        "compensation",
        required="no",
        help="See below. If empty: `unknown`.",
        invalid="“%(value)s” isn’t a compensation status. Use one of: %(choices)s.",
        public=True,
    ),
    StoryField(
        "content_note",
        required="no",
        help="A warning shown before the story when it describes violence or other "
        "distressing events. At most 300 characters.",
    ),
    StoryField(
        "body",
        required="no",
        help="The story, as plain text. Leave a blank line between paragraphs; a single line "
        "break stays a line break. The text appears exactly as written: HTML tags and "
        "Markdown are not interpreted. Quotes, timelines, images and sources are added in "
        "the admin. If empty, a new story starts with no body and an existing story keeps "
        "its body.",
        search=True,
    ),
    StoryField(
        "consent_on_file",
        required="no",
        help="Yes/no: do we hold the person's written consent? The story can't be published "
        "without it. Private.",
        private=True,
    ),
    StoryField(
        "consent_date",
        required="no",
        help="When they gave consent, as `YYYY-MM-DD`, e.g. `2024-03-15`. Not in the future. "
        "Private.",
        private=True,
    ),
    StoryField(
        "consent_note",
        required="no",
        help="Where the consent is kept and any limits on it. Private.",
        private=True,
    ),
    StoryField(
        "legal_review_done",
        required="no",
        help="Yes/no: is the legal review complete? Private.",
        private=True,
    ),
    StoryField("legal_review_note", private=True),  # kept in the admin only
    StoryField(
        "first_published_at", public=True, value=first_published, loads=("first_published_at",)
    ),
)

IMPORT_COLUMNS = tuple(field for field in STORY_FIELDS if field.imported)
# Copied from the English story into its translations and never sent to
# translators (wagtail-localize), beside every private field, which no reader
# sees in any language: the person's name, which no language changes, and the
# factors, then filed under their own language's (ExonereeStoryPage.save).
# The case's other facts (dates, state, DNA, the case record) are not text:
# wagtail-localize synchronises them by itself.
SYNCHRONIZED_FIELDS = ("person_name", "factors")
OPEN_DATA_FIELDS = tuple(field for field in STORY_FIELDS if field.public)


def synchronized_fields():
    """The story's `override_translatable_fields`: the private fields and
    SYNCHRONIZED_FIELDS, which translators can neither see nor override."""
    names = [*(field.attribute for field in STORY_FIELDS if field.private), *SYNCHRONIZED_FIELDS]
    return [SynchronizedField(name, overridable=False) for name in names]


def search_index():
    """The story's own entries in the search index (beside every page's)."""
    entries = []
    for field in STORY_FIELDS:
        if field.search:
            entries.append(index.SearchField(field.attribute, boost=field.boost))
        if field.filterable:
            entries.append(index.FilterField(field.attribute))
    return entries
