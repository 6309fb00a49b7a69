from django.apps import AppConfig


class ImpactConfig(AppConfig):
    """How many people read each page, and where they came from: daily
    counts only, kept without a cookie, an IP address or a user agent."""

    name = "impact"
    verbose_name = "Impact"
