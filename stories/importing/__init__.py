"""Import exoneree stories from a CSV file (its columns: COLUMN_REFERENCE,
the imported fields of stories/fields.py).

Every row is checked before anything is written, and the import is all or
nothing: one bad row and nothing changes. Stories are matched by slug under
the story index, so importing the same file again updates them instead of
adding copies. Imported stories are drafts: importing never publishes.

The logic knows nothing about where the file comes from, so the management
command and the admin view share it::

    try:
        result = import_stories(uploaded_file, user=request.user)
    except ImportFailed as failure:
        ...  # failure.problems: one Problem per bad row and column

Reading the file is in `reading`, reading a row's cells in `forms` (a Django
form per row), and checking and saving the stories in `tree`.
"""

from stories.fields import IMPORT_COLUMNS as COLUMN_REFERENCE

from .results import ImportFailed, ImportResult, PlannedStory, Problem
from .tree import StoryImporter

__all__ = [
    "COLUMN_REFERENCE",
    "ImportFailed",
    "ImportResult",
    "PlannedStory",
    "Problem",
    "StoryImporter",
    "import_stories",
]


def import_stories(source, *, dry_run=False, user=None):
    """Import the CSV `source` (bytes, text, or a file opened in either mode).

    Returns an ImportResult, or raises ImportFailed listing every problem, in
    which case nothing was written. With dry_run, checks everything and
    reports what would happen without writing. `user` (optional) is recorded
    as the author of the revisions, and their page permissions are checked.
    """
    return StoryImporter(user=user).run(source, dry_run=dry_run)
