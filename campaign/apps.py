from django.apps import AppConfig


class CampaignConfig(AppConfig):
    """The project itself: site-wide templates, error views and deploy checks."""

    name = "campaign"
    verbose_name = "Campaign site"

    def ready(self):
        from . import checks  # noqa: F401  (registers the checks)
