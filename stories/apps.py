from django.apps import AppConfig


class StoriesConfig(AppConfig):
    """Exoneree stories, their index, the theme explainers and the case taxonomy."""

    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from registry.signals import registry_imported

        from . import checks, figures  # noqa: F401  (checks registers the checks)

        # A finished import changes every figure: forget the pages that show them.
        registry_imported.connect(figures.forget_figures)
