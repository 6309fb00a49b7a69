from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every part of the site shares: the organisation's identity and
    navigation, search-engine and social metadata, previews of settings, the
    review workflow and the staff dashboard's building blocks. It depends on
    no other app of the project; stories, actions and home build on it."""

    name = "core"
    verbose_name = "Site"
