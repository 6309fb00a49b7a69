from django.apps import AppConfig


class StoriesConfig(AppConfig):
    """Exoneree stories, their index, the theme explainers and the case taxonomy."""

    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from . import checks  # noqa: F401  (registers the checks)
