"""Importing the rows into the page tree: each story matched by slug under the
story index, checked as a whole (the model's own rules), then saved as a
draft revision, all in one transaction. New stories are added in bulk
(bulk.py); an existing one gets a new draft revision through Wagtail's own
EditPageAction."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from wagtail.actions.edit_page import EditPageAction
from wagtail.models import Page, Revision

from stories.fields import IMPORT_COLUMNS
from stories.models import ContributingFactor, ExonereeStoryPage, Jurisdiction, StoryIndexPage

from .bulk import add_drafts, taken_slugs
from .forms import KEPT_WHEN_EMPTY, StoryRowForm
from .reading import read_records
from .results import ImportFailed, ImportResult, PlannedStory, Problem

ATTRIBUTE_FOR_COLUMN = {column.name: column.attribute for column in IMPORT_COLUMNS}
COLUMN_FOR_ATTRIBUTE = {column.attribute: column.name for column in IMPORT_COLUMNS}

# Set by the page tree or by the import itself, not by the row, so never
# validated here (each would cost a query per row: the foreign keys' and the
# translation key's uniqueness).
TREE_FIELDS = [
    "path",
    "depth",
    "numchild",
    "url_path",
    "content_type",
    "locale",
    "translation_key",
    "owner",
]

NOT_OTHER = "Leave this empty unless the state is OTHER."


class StoryImporter:
    """Checks a CSV file row by row, then writes it in one transaction.

    `check()` alone validates without writing, e.g. for a preview step.
    `user` (optional) is recorded as the author of the revisions, and their
    page permissions are checked. `progress` (optional) is called with
    (rows done, rows in the file) as it goes: a row is half done once
    checked, done once written (or, in a dry run, once checked)."""

    def __init__(self, user=None, progress=None):
        self.user = user
        self.progress = progress or (lambda done, total: None)
        self.steps, self.total, self.dry_run = 0, 0, True

    def run(self, source, *, dry_run=False):
        self.dry_run = dry_run
        with transaction.atomic():
            stories = self.check(source)
            if not dry_run:
                self.write(stories)
        return ImportResult(stories=stories, dry_run=dry_run)

    def step(self, steps=1):
        """Count rows checked or written, for the progress callback."""
        self.steps += steps
        total = self.total
        done = self.steps if self.dry_run else self.steps // 2
        self.progress(min(done, total), total)

    # Checking

    def check(self, source):
        """Parse and validate every row. Returns one PlannedStory per row, or
        raises ImportFailed listing every problem. Writes nothing."""
        columns, records = read_records(source)
        self.total = len(records)
        self.progress(0, self.total)
        self.index = StoryIndexPage.objects.first()
        if self.index is None:
            raise ImportFailed.because(
                "There is no story index page to import into. Create the stories "
                "page under the home page in the admin first."
            )

        slugs = {record["slug"].strip() for _, record in records}
        # The pages at these slugs; the stories among them with what refusal()
        # asks of each (a schedule, a review), read together, not a query a row.
        self.existing = {
            page.slug: page for page in Page.objects.child_of(self.index).filter(slug__in=slugs)
        }
        self.existing |= {
            page.slug: page
            for page in ExonereeStoryPage.objects.child_of(self.index)
            .filter(slug__in=slugs)
            .annotate_approved_schedule()
            .prefetch_workflow_states()
        }
        # Their drafts, each compared with its row: read together, not a query a row.
        drafts = Revision.objects.in_bulk(
            [page.latest_revision_id for page in self.existing.values() if page.latest_revision_id]
        )
        for page in self.existing.values():
            if page.latest_revision_id in drafts:
                page.latest_revision = drafts[page.latest_revision_id]

        # Every row's factors cell is read against the same factors: one query.
        self.factors = {factor.slug.lower(): factor for factor in ContributingFactor.objects.all()}
        problems, stories, first_line_for_slug = [], [], {}
        for line, record in records:
            row_problems, story = self.check_row(line, record, columns)
            self.step()
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
        """The row's problems, and the story it plans when it has none."""
        form = StoryRowForm(record, columns=columns, factors=self.factors)
        form.is_valid()
        problems = [
            Problem(line, None if column == NON_FIELD_ERRORS else column, message)
            for column, messages in form.errors.items()
            for message in messages
        ]
        values, failed = form.cleaned_data, set(form.errors)

        slug = values.get("slug")
        if not slug:
            return problems, None
        page = self.existing.get(slug)
        if page is None:
            action = "create"
            if self.user and not self.index.permissions_for_user(self.user).can_add_subpage():
                problems.append(Problem(line, None, "You don’t have permission to add stories."))
                return problems, None
            page = ExonereeStoryPage(slug=slug, owner=self.user)
            page.live = False
            page.has_unpublished_changes = True
            page.body = []
            before = None
        else:
            refusal = self.refusal(page)
            if refusal:
                problems.append(Problem(line, "slug", refusal))
                return problems, None
            action = "update"
            page = page.get_latest_revision_as_object()
            before = snapshot(page)

        fill(page, values, creating=action == "create")
        problems += [Problem(line, *problem) for problem in story_problems(page, failed)]
        if problems:
            return problems, None
        if before is not None and snapshot(page) == before:
            action = "unchanged"
        return problems, PlannedStory(line=line, page=page, action=action)

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
        new = [story for story in stories if story.action == "create"]
        taken = taken_slugs(self.index, [story.page for story in new])
        problems = [
            Problem(
                story.line,
                "slug",
                f"A page with the slug “{story.page.slug}” was added "
                "under the stories page meanwhile. Choose another slug.",
            )
            for story in new
            if story.page.slug in taken
        ]
        for story in stories:
            if story.action == "update":
                try:
                    # A new draft revision; a live story keeps its live version.
                    EditPageAction(story.page, user=self.user).execute(skip_permission_checks=True)
                except ValidationError as error:
                    problems += [Problem(story.line, None, m) for m in error.messages]
            if story.action != "create":
                self.step()
        if problems:
            raise ImportFailed(problems)  # rolls back the whole import
        add_drafts(self.index, [story.page for story in new], self.user)
        self.step(len(new))


def fill(page, values, *, creating):
    """Set the row's valid values on the page (not yet saved)."""
    for column, value in values.items():
        if column == "slug" or (column in KEPT_WHEN_EMPTY and value is None):
            continue
        if column == "factors":
            page.factors.set(value)
        else:
            setattr(page, ATTRIBUTE_FOR_COLUMN[column], value)
    if creating and not values.get("title"):
        page.title = f"The story of {page.person_name}"
    page.years_lost = page.compute_years_lost()


def story_problems(page, failed):
    """(column, message) for what is wrong with the story as a whole, leaving
    out columns that already failed on their own cell."""
    problems = []
    if (
        "state" not in failed
        and "other_jurisdiction" not in failed
        and page.jurisdiction != Jurisdiction.OTHER
        and page.other_jurisdiction
    ):
        problems.append(("other_jurisdiction", NOT_OTHER))
        failed = {*failed, "other_jurisdiction"}

    exclude = [*TREE_FIELDS, *(ATTRIBUTE_FOR_COLUMN.get(column) for column in failed)]
    if not page.body:
        exclude.append("body")  # a draft may wait for its story to be written
    try:
        page.full_clean(exclude=exclude)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            column = None if name == NON_FIELD_ERRORS else COLUMN_FOR_ATTRIBUTE.get(name, name)
            if column not in failed:
                problems += [(column, message) for message in messages]
    return problems


# What an import can change: every imported column but the slug (which
# finds the page) and the factors (compared by their keys).
COMPARED_FIELDS = tuple(
    column.attribute for column in IMPORT_COLUMNS if column.name not in {"slug", "factors", "body"}
)


def snapshot(page):
    """What an import can change on a page, comparable between two versions."""
    body = [(child.block_type, child.block.get_prep_value(child.value)) for child in page.body]
    return (
        {name: getattr(page, name) for name in COMPARED_FIELDS},
        body,
        sorted(factor.pk for factor in page.factors.all()),
    )
