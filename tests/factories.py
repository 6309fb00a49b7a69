"""Factories for the site's models (wagtail_factories and factory_boy)."""

import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Innocent, and still convicted"
    intro = "Read their stories, learn how it happens, and act."

    class Meta:
        model = HomePage
