"""Factories for the site's models (wagtail_factories and factory_boy)."""

import factory
import wagtail_factories

from home.models import HomePage
from stories.models import ContributingFactor, ThemePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Innocent, and still convicted"
    intro = "Read their stories, learn how it happens, and act."

    class Meta:
        model = HomePage


class ThemePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Theme {n}")
    intro = "How this part of the system fails, and why it matters."

    class Meta:
        model = ThemePage


class ContributingFactorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Factor {n}")
    slug = factory.Sequence(lambda n: f"factor-{n}")
    description = "What this factor is and how it leads to wrongful convictions."

    class Meta:
        model = ContributingFactor
