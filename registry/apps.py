from django.apps import AppConfig


class RegistryConfig(AppConfig):
    """The National Registry of Exonerations' case data: one record per known
    exoneration, imported from the Registry's spreadsheet, shown publicly only
    as counts and charts."""

    name = "registry"
    verbose_name = "Registry data"
