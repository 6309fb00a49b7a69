from django.apps import AppConfig


class RegistryConfig(AppConfig):
    """The National Registry of Exonerations' case data: one record per known
    exoneration, imported from the Registry's spreadsheet, shown publicly only
    as counts and charts."""

    name = "registry"
    verbose_name = "Registry data"

    def ready(self):
        from core.importers import Importer, register

        from .importing import jobs
        from .permissions import can_import

        # The Registry import runs in the worker (core.importers).
        register(
            Importer(
                kind=jobs.KIND,
                label="Registry case records",
                run=jobs.run,
                can_import=can_import,
                results_url=jobs.results_url,
            )
        )
