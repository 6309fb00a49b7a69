from django.apps import AppConfig


class StoriesConfig(AppConfig):
    """Exoneree stories, their index, the theme explainers and the case taxonomy."""

    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from core.importers import Importer, register
        from registry.signals import registry_imported

        from . import checks, figures  # noqa: F401  (checks registers the checks)
        from .importing import jobs

        # A finished import changes every figure: forget the pages that show them.
        registry_imported.connect(figures.forget_figures)
        # The story CSV import runs in the worker (core.importers).
        register(
            Importer(
                kind=jobs.KIND,
                label="Stories",
                run=jobs.run,
                can_import=jobs.can_import,
                results_url=jobs.results_url,
            )
        )
