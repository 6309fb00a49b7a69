"""Import exoneree stories from a CSV file (its columns: COLUMN_REFERENCE below).

Every row is checked before anything is written, and the import is all or
nothing: one bad row and nothing changes. Stories are matched by slug under
the story index, so importing the same file again updates them instead of
adding copies. Imported stories are drafts: importing never publishes.

The logic knows nothing about where the file comes from, so the management
command and an admin view can share it::

    try:
        result = import_stories(uploaded_file, user=request.user)
    except ImportFailed as failure:
        ...  # failure.problems: one Problem per bad row and column
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from html import escape

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from wagtail.actions.edit_page import EditPageAction
from wagtail.models import Page
from wagtail.rich_text import RichText

from .models import (
    CompensationStatus,
    ContributingFactor,
    ExonerationBasis,
    ExonereeStoryPage,
    Jurisdiction,
    StoryIndexPage,
)


@dataclass(frozen=True)
class Column:
    """One column of the import file, as the import screen and docs/import.md
    describe it to staff. `help` marks names and values with `backticks`."""

    name: str
    required: str  # "yes", "no", or when it is needed
    help: str


# Every column, in order: the one list the importer, the import screen and
# docs/import.md (a test compares them) take the columns from.
COLUMN_REFERENCE = (
    Column(
        "slug",
        "yes",
        "The story's web address, e.g. `marcus-reed` for `/stories/marcus-reed/`. Use "
        "lowercase letters, digits and hyphens. It is also how a re-import finds the "
        "story, so never change it once imported: a row with a new slug makes a new "
        "story.",
    ),
    Column(
        "title",
        "no",
        'The page title. If empty, a new story is called "The story of" + the person\'s '
        "name, and an existing story keeps its title.",
    ),
    Column(
        "person_name",
        "yes",
        "The person's name as they want it used. At most 120 characters.",
    ),
    Column(
        "summary",
        "yes",
        "Two sentences for cards, search results and sharing. At most 300 characters.",
    ),
    Column(
        "state",
        "yes",
        "Where the person was convicted: a two-letter state code (`TX`, `NY`, …), `DC`, "
        "`FED` (federal courts) or `OTHER` (military, tribal and other court systems). "
        "Any case; the full name shown in the admin (`Texas`, `Federal`) also works.",
    ),
    Column(
        "other_jurisdiction",
        "when `state` is `OTHER`",
        "The name of the court system, e.g. `Navajo Nation courts`. Leave it empty for "
        "any other state.",
    ),
    Column(
        "county",
        "no",
        "E.g. `Cook County`.",
    ),
    Column(
        "crimes_charged",
        "yes",
        "What they were convicted of, e.g. `Robbery; assault`. No victim names.",
    ),
    Column(
        "sentence",
        "yes",
        "E.g. `25 years to life`.",
    ),
    Column(
        "death_row",
        "no",
        "Yes/no: were they sentenced to death?",
    ),
    Column(
        "crime_year",
        "yes",
        "The year of the crime, four digits, e.g. `1994`.",
    ),
    Column(
        "conviction_year",
        "yes",
        "The year of the conviction. Not before the crime.",
    ),
    Column(
        "exoneration_year",
        "yes",
        "The year of the exoneration. Not before the conviction. No year can be before "
        "1900 or after this year.",
    ),
    Column(
        "years_lost_known",
        "no",
        "Only when the record gives the exact time in custody, e.g. `11.5` (a dot, not a "
        "comma). If empty, years lost are counted from conviction to exoneration.",
    ),
    Column(
        "dna_based",
        "no",
        "Yes/no: was DNA evidence central to the exoneration?",
    ),
    Column(
        "factors",
        "yes",
        "How the conviction went wrong: one or more factor slugs, separated by `;`. See below.",
    ),
    Column(
        "basis",
        "yes",
        "How the conviction was set aside for good. See below.",
    ),
    Column(
        "real_perpetrator_identified",
        "no",
        "Yes/no: was the person who really did it identified later?",
    ),
    Column(
        "compensation",
        "no",
        "See below. If empty: `unknown`.",
    ),
    Column(
        "content_note",
        "no",
        "A warning shown before the story when it describes violence or other distressing "
        "events. At most 300 characters.",
    ),
    Column(
        "body",
        "no",
        "The story, as plain text. Leave a blank line between paragraphs; a single line "
        "break stays a line break. The text appears exactly as written: HTML tags and "
        "Markdown are not interpreted. Quotes, timelines, images and sources are added in "
        "the admin. If empty, a new story starts with no body and an existing story keeps "
        "its body.",
    ),
    Column(
        "consent_on_file",
        "no",
        "Yes/no: do we hold the person's written consent? The story can't be published "
        "without it. Private.",
    ),
    Column(
        "consent_date",
        "no",
        "When they gave consent, as `YYYY-MM-DD`, e.g. `2024-03-15`. Not in the future. Private.",
    ),
    Column(
        "consent_note",
        "no",
        "Where the consent is kept and any limits on it. Private.",
    ),
    Column(
        "legal_review_done",
        "no",
        "Yes/no: is the legal review complete? Private.",
    ),
)
COLUMNS = tuple(column.name for column in COLUMN_REFERENCE)
REQUIRED_COLUMNS = tuple(column.name for column in COLUMN_REFERENCE if column.required == "yes")
TEXT_COLUMNS = {
    "person_name",
    "summary",
    "other_jurisdiction",
    "county",
    "crimes_charged",
    "sentence",
    "content_note",
    "consent_note",
}
BOOLEAN_COLUMNS = {
    "death_row",
    "dna_based",
    "real_perpetrator_identified",
    "consent_on_file",
    "legal_review_done",
}
YEAR_COLUMNS = {"crime_year", "conviction_year", "exoneration_year"}
TRUE_WORDS = {"yes", "true", "1"}
FALSE_WORDS = {"no", "false", "0", ""}

# Columns named differently from the model field they fill.
FIELD_FOR_COLUMN = {"state": "jurisdiction"}
COLUMN_FOR_FIELD = {f: column for column, f in FIELD_FOR_COLUMN.items()}

# The fields an import may change, compared to tell an update from no change.
IMPORTED_FIELDS = (
    "title",
    *(FIELD_FOR_COLUMN.get(c, c) for c in COLUMNS if c not in {"slug", "title", "factors"}),
)

# Set by the page tree, not by the row, so never validated here.
TREE_FIELDS = ["path", "depth", "numchild", "url_path"]

REQUIRED = "This column can’t be empty."


@dataclass(frozen=True)
class Problem:
    """One reason the file can't be imported. `line` is the line of the file
    where the row starts (the header is line 1); None for the whole file."""

    line: int | None
    column: str | None
    message: str

    def __str__(self):
        where = [f"line {self.line}" if self.line else None, self.column]
        prefix = ": ".join(part for part in where if part)
        return f"{prefix}: {self.message}" if prefix else self.message


class ImportFailed(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self):
        count = len(self.problems)
        heading = (
            "Nothing was imported. Fix this problem and try again:"
            if count == 1
            else f"Nothing was imported. Fix these {count} problems and try again:"
        )
        return "\n".join([heading, *(str(problem) for problem in self.problems)])


@dataclass
class PlannedStory:
    """One valid row, and what importing it does."""

    line: int
    page: ExonereeStoryPage
    action: str  # "create", "update" or "unchanged"

    def describe(self, dry_run=False):
        verb = {
            "create": ("would create", "created"),
            "update": ("would update", "updated"),
            "unchanged": ("would leave unchanged", "unchanged"),
        }[self.action][0 if dry_run else 1]
        return f"line {self.line}: {verb} “{self.page.title}” ({self.page.slug})"


@dataclass
class ImportResult:
    stories: list[PlannedStory] = field(default_factory=list)
    dry_run: bool = False

    def _count(self, action):
        return sum(1 for story in self.stories if story.action == action)

    @property
    def created(self):
        return self._count("create")

    @property
    def updated(self):
        return self._count("update")

    @property
    def unchanged(self):
        return self._count("unchanged")

    def summary(self):
        if self.dry_run:
            text = (
                f"Dry run, nothing written: {self.created} would be created, "
                f"{self.updated} would be updated (drafts)"
            )
        else:
            text = f"{self.created} created, {self.updated} updated (drafts)"
        if self.unchanged:
            text += f", {self.unchanged} unchanged"
        return text + "."


def import_stories(source, *, dry_run=False, user=None):
    """Import the CSV `source` (bytes, text, or a file opened in either mode).

    Returns an ImportResult, or raises ImportFailed listing every problem, in
    which case nothing was written. With dry_run, checks everything and
    reports what would happen without writing. `user` (optional) is recorded
    as the author of the revisions, and their page permissions are checked.
    """
    return StoryImporter(user=user).run(source, dry_run=dry_run)


class StoryImporter:
    """Checks a CSV file row by row, then writes it in one transaction.

    `check()` alone validates without writing, e.g. for a preview step."""

    def __init__(self, user=None):
        self.user = user

    def run(self, source, *, dry_run=False):
        with transaction.atomic():
            stories = self.check(source)
            if not dry_run:
                self.write(stories)
        return ImportResult(stories=stories, dry_run=dry_run)

    # Checking

    def check(self, source):
        """Parse and validate every row. Returns one PlannedStory per row, or
        raises ImportFailed listing every problem. Writes nothing."""
        header, rows = read_csv(decode(source))
        columns = check_columns(header, rows)
        self.index = StoryIndexPage.objects.first()
        if self.index is None:
            raise ImportFailed(
                [
                    Problem(
                        None,
                        None,
                        "There is no story index page to import into. Create the stories "
                        "page under the home page in the admin first.",
                    )
                ]
            )

        records = [(line, dict(zip(columns, cells, strict=True))) for line, cells in rows]
        slugs = {record["slug"].strip() for _, record in records}
        self.existing = {
            page.slug: page
            for page in Page.objects.child_of(self.index).filter(slug__in=slugs).specific()
        }
        self.factors = {factor.slug.lower(): factor for factor in ContributingFactor.objects.all()}

        problems, stories, first_line_for_slug = [], [], {}
        for line, record in records:
            row_problems, story = self.check_row(line, record, columns)
            slug = record["slug"].strip()
            if slug in first_line_for_slug:
                row_problems.insert(
                    0,
                    Problem(
                        line,
                        "slug",
                        f"“{slug}” is already used on line {first_line_for_slug[slug]}. "
                        "Each story appears once.",
                    ),
                )
            elif slug:
                first_line_for_slug[slug] = line
            problems += row_problems
            if story:
                stories.append(story)
        if problems:
            raise ImportFailed(problems)
        return stories

    def check_row(self, line, record, columns):
        problems = []

        def problem(column, message):
            problems.append(Problem(line, column, message))

        values, failed = {}, set()
        for column in columns:
            if column in {"slug", "title", "factors", "body", ""}:
                continue
            raw = record[column].strip()
            try:
                values[FIELD_FOR_COLUMN.get(column, column)] = parse_value(column, raw)
            except ValueError as error:
                problem(column, str(error))
                failed.add(column)

        factors = self.parse_factors(record["factors"])
        if isinstance(factors, str):
            problem("factors", factors)
            failed.add("factors")

        slug = record["slug"].strip()
        if not slug:
            problem("slug", REQUIRED)
            return problems, None

        page = self.existing.get(slug)
        if page is None:
            action = "create"
            if self.user and not self.index.permissions_for_user(self.user).can_add_subpage():
                problem(None, "You don’t have permission to add stories.")
                return problems, None
            page = ExonereeStoryPage(slug=slug, owner=self.user)
            page.live = False
            page.has_unpublished_changes = True
            page.body = []
            before = None
        else:
            refusal = self.refusal(page)
            if refusal:
                problem("slug", refusal)
                return problems, None
            action = "update"
            page = page.get_latest_revision_as_object()
            before = snapshot(page)

        for name, value in values.items():
            setattr(page, name, value)
        title = record.get("title", "").strip()
        if title:
            page.title = title
        elif action == "create":
            page.title = f"The story of {page.person_name}"
        body = record.get("body", "").strip()
        if body:
            page.body = body_blocks(body)
        if not isinstance(factors, str):
            page.factors.set(factors)
        if (
            "state" not in failed
            and page.jurisdiction != Jurisdiction.OTHER
            and page.other_jurisdiction
            and "other_jurisdiction" not in failed
        ):
            problem("other_jurisdiction", "Leave this empty unless the state is OTHER.")
            failed.add("other_jurisdiction")
        page.years_lost = page.compute_years_lost()

        exclude = [*TREE_FIELDS, *(FIELD_FOR_COLUMN.get(c, c) for c in failed)]
        if not page.body:
            exclude.append("body")  # a draft may wait for its story to be written
        try:
            page.full_clean(exclude=exclude)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = None if name == NON_FIELD_ERRORS else COLUMN_FOR_FIELD.get(name, name)
                if column in failed:
                    continue  # already reported from the cell itself
                for message in messages:
                    problem(column, message)

        if problems:
            return problems, None
        if before is not None and snapshot(page) == before:
            action = "unchanged"
        return problems, PlannedStory(line=line, page=page, action=action)

    def parse_factors(self, raw):
        """The factors named in the cell, or a message saying what's wrong."""
        slugs = list(dict.fromkeys(s.strip().lower() for s in raw.split(";") if s.strip()))
        if not slugs:
            return "Give at least one factor slug, e.g. false-confession."
        unknown = [slug for slug in slugs if slug not in self.factors]
        if unknown:
            names = ", ".join(f"“{slug}”" for slug in unknown)
            known = ", ".join(sorted(self.factors))
            return f"Unknown factor {names}. Use these slugs, separated by ';': {known}."
        return [self.factors[slug] for slug in slugs]

    def refusal(self, page):
        """Why the existing page at this slug can't be updated, if it can't."""
        if not isinstance(page, ExonereeStoryPage):
            return "This slug belongs to a page that isn’t a story. Choose another slug."
        if page.alias_of_id:
            return "This story is an alias of another page. Import into the original instead."
        if page.approved_schedule:
            return "This story is scheduled to go live. Cancel the schedule in the admin first."
        if page.workflow_in_progress:
            return "This story is awaiting review. Finish or cancel the review first."
        if page.locked and (self.user is None or page.get_lock().for_user(self.user)):
            return "This story is locked in the admin. Unlock it first."
        if self.user and not page.permissions_for_user(self.user).can_edit():
            return "You don’t have permission to edit this story."
        return None

    # Writing

    def write(self, stories):
        problems = []
        for story in stories:
            try:
                self.write_story(story)
            except ValidationError as error:  # e.g. a page added at that slug meanwhile
                problems += [Problem(story.line, None, m) for m in error.messages]
        if problems:
            raise ImportFailed(problems)  # rolls back the whole import

    def write_story(self, story):
        page = story.page
        if story.action == "create":
            self.index.add_child(instance=page)  # a draft: page.live is False
            page.save_revision(user=self.user, log_action=True, clean=False)
        elif story.action == "update":
            # Saves a new draft revision; a live story keeps its live version.
            EditPageAction(page, user=self.user).execute(skip_permission_checks=True)


# Reading the file


def decode(source):
    if hasattr(source, "read"):
        source = source.read()
    if isinstance(source, str):
        return source.removeprefix("\ufeff")
    try:
        return bytes(source).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = bytes(source)[: error.start].count(b"\n") + 1
        raise ImportFailed(
            [
                Problem(
                    None,
                    None,
                    f"The file isn’t UTF-8 text (line {line} has a character that can’t be "
                    "read). Save it again as UTF-8: in Excel choose “CSV UTF-8 (Comma "
                    "delimited)”; a CSV downloaded from Google Sheets already is.",
                )
            ]
        ) from None


def read_csv(text):
    """The header cells and a list of (line, cells), skipping blank lines.
    Each row's line is where it starts, since a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header, rows, end = None, [], 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = cells
            else:
                rows.append((start, cells))
    except csv.Error as error:
        raise ImportFailed(
            [Problem(end + 1, None, f"This line can’t be read as CSV ({error}).")]
        ) from None
    if header is None:
        raise ImportFailed([Problem(None, None, "The file is empty.")])

    width = len(header)
    problems = []
    for line, cells in rows:
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            problems.append(
                Problem(
                    line,
                    None,
                    f"This row has {len(cells)} cells but the header has {width} columns. "
                    "Check for a stray comma, or put quotes around text containing commas.",
                )
            )
        cells[:] = (cells + [""] * width)[:width]
    if problems:
        raise ImportFailed(problems)
    return header, rows


def check_columns(header, rows):
    """The header's column names, normalised, or ImportFailed."""
    columns = [cell.strip().lower() for cell in header]
    if len(columns) == 1 and re.search(r"[;\t]", header[0]):
        raise ImportFailed(
            [
                Problem(
                    1,
                    None,
                    "The columns must be separated by commas, not semicolons or tabs. "
                    "Export the sheet as “CSV (comma-separated)”.",
                )
            ]
        )
    problems = []
    unknown = [
        cell.strip()
        for cell, name in zip(header, columns, strict=True)
        if name and name not in COLUMNS
    ]
    if unknown:
        names = ", ".join(f"“{name}”" for name in unknown)
        problems.append(
            Problem(1, None, f"Unknown column {names}. Check the spelling against docs/import.md.")
        )
    repeated = sorted({name for name in columns if name in COLUMNS and columns.count(name) > 1})
    if repeated:
        names = ", ".join(f"“{name}”" for name in repeated)
        problems.append(Problem(1, None, f"Column {names} appears more than once."))
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        names = ", ".join(f"“{name}”" for name in missing)
        plural = "columns" if len(missing) > 1 else "column"
        problems.append(Problem(1, None, f"The file is missing the required {plural} {names}."))
    if problems:
        raise ImportFailed(problems)

    if not rows:
        raise ImportFailed([Problem(None, None, "The file has a header but no stories.")])
    unnamed = [
        Problem(line, None, "This row has a value in a column without a header.")
        for line, cells in rows
        if any(cell.strip() for name, cell in zip(columns, cells, strict=True) if not name)
    ]
    if unnamed:
        raise ImportFailed(unnamed)
    return columns


# Reading the cells


def parse_value(column, raw):
    """The model value for one cell, or ValueError with a message for staff."""
    if column in REQUIRED_COLUMNS and not raw:
        raise ValueError(REQUIRED)
    if column in TEXT_COLUMNS:
        return raw
    if column in BOOLEAN_COLUMNS:
        word = raw.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(f"“{raw}” isn’t yes or no. Use yes, no, true, false, 1 or 0.")
    if column in YEAR_COLUMNS:
        if not re.fullmatch(r"\d+", raw):
            raise ValueError(f"“{raw}” isn’t a year. Enter a four-digit year, e.g. 1994.")
        return int(raw)
    if column == "years_lost_known":
        return parse_years(raw)
    if column == "consent_date":
        return parse_date(raw)
    if column == "state":
        return parse_choice(
            Jurisdiction,
            raw,
            f"“{raw}” isn’t a state. Use a two-letter state code such as TX, or DC, FED or OTHER.",
        )
    if column == "basis":
        return parse_choice(
            ExonerationBasis, raw, f"“{raw}” isn’t a basis. " + allowed(ExonerationBasis)
        )
    if column == "compensation":
        if not raw:
            return CompensationStatus.UNKNOWN
        return parse_choice(
            CompensationStatus,
            raw,
            f"“{raw}” isn’t a compensation status. " + allowed(CompensationStatus),
        )
    raise AssertionError(f"No parser for {column}")  # pragma: no cover


def parse_years(raw):
    if not raw:
        return None
    try:
        years = Decimal(raw)
    except InvalidOperation:
        years = None
    if years is None or not years.is_finite():
        raise ValueError(f"“{raw}” isn’t a number of years. Enter e.g. 11.5, or leave it empty.")
    if years < 0:
        raise ValueError("The years lost can’t be negative.")
    return years


def parse_date(raw):
    if not raw:
        return None
    try:
        return datetime.strptime(raw, "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(
            f"“{raw}” isn’t a date. Write it as YYYY-MM-DD, e.g. 2024-03-15."
        ) from None


def parse_choice(choices, raw, message):
    """A choice's value from its value or its label, in any case."""
    wanted = raw.lower()
    for member in choices:
        if wanted in {member.value.lower(), str(member.label).lower()}:
            return member.value
    raise ValueError(message)


def allowed(choices):
    return "Use one of: " + ", ".join(member.value for member in choices) + "."


def body_blocks(text):
    """Plain text as one rich-text block: a paragraph per blank-line-separated
    chunk, single line breaks kept, everything HTML-escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [chunk.strip() for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    html = "".join(
        "<p>" + "<br/>".join(escape(line.strip()) for line in chunk.split("\n")) + "</p>"
        for chunk in paragraphs
    )
    return [("text", RichText(html))]


def snapshot(page):
    """What an import can change on a page, comparable between two versions."""
    body = [(child.block_type, child.block.get_prep_value(child.value)) for child in page.body]
    return (
        {name: getattr(page, name) for name in IMPORTED_FIELDS if name != "body"},
        body,
        sorted(factor.pk for factor in page.factors.all()),
    )
