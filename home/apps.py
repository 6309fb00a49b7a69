from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page and what belongs to the whole site."""

    name = "home"
    verbose_name = "Home"
