"""What the registry app tells the layers above it."""

from django.dispatch import Signal

# Sent once an import of the Registry's spreadsheet has finished and its rows
# are committed (not after a dry run): pages that show the national figures
# must be forgotten by the caches.
registry_imported = Signal()
