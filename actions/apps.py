from django.apps import AppConfig


class ActionsConfig(AppConfig):
    """Calls to action and the supporters' data they collect: the one part of the
    site that holds personal data, kept behind its own permission."""

    name = "actions"
    verbose_name = "Calls to action"
