from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page, which brings stories, themes and calls to action
    together, and the site's information pages."""

    name = "home"
    verbose_name = "Home"
