"""What an import reports: the problems that stop it, or what it did."""

from dataclasses import dataclass, field

from stories.models import ExonereeStoryPage


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

    @classmethod
    def because(cls, message, line=None):
        """A problem with the whole file (or, with `line`, one of its lines)."""
        return cls([Problem(line, None, message)])

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
    """One valid row, and what importing it does to its story page."""

    line: int
    page: ExonereeStoryPage  # as it will be saved
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
