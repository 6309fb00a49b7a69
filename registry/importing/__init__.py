"""Import the National Registry of Exonerations' spreadsheet as downloaded.

    result = import_registry(path_or_file, dry_run=False, progress=None)

Reading the file is in `reading` (a whole-file failure raises ImportFailed:
nothing is saved), reading a row in `rows`, saving in `importer`.

A bad row does not stop the import: it is skipped, and reported with its
row number and the reason, so that one odd row among the Registry's 3,500
doesn't hold back the rest. Records are matched on their natural key (last
name, first name, state, county, conviction year): a newer download updates
the changed records, adds the new ones and counts the unchanged. A row with
the key of an earlier row of the same file is reported and imported once.
"""

from .importer import PROGRESS_EVERY, import_registry
from .reading import COLUMNS
from .results import ImportFailed, ImportResult

__all__ = ["COLUMNS", "PROGRESS_EVERY", "ImportFailed", "ImportResult", "import_registry"]
