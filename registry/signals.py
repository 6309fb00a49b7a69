"""What the registry app tells the layers above it."""

from django.dispatch import Signal

# Sent once an import has saved its changes (never for a dry run), after the
# transaction commits, with `sender=CaseRecord` and `result`, the import's
# registry.importing.ImportResult: pages that show the national figures
# listen, to be forgotten by the caches (stories.figures).
registry_imported = Signal()
