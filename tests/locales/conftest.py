import pytest

from stories.models import ContributingFactor
from tests.factories import ExonereeStoryPageFactory, StoryIndexPageFactory, ThemePageFactory
from tests.locale_factories import translate, translate_factor


@pytest.fixture
def both_languages(home):
    """An English story and a Spanish one (a translation, then changed),
    each under its language's index and theme, each with a factor of its
    language: (english, spanish) stories."""
    index = StoryIndexPageFactory(parent=home)
    theme = ThemePageFactory(parent=home, title="The Eyewitness", slug="the-eyewitness")
    factor = ContributingFactor.objects.get(registry_code="MWID")
    factor.theme = theme
    factor.save()
    english = ExonereeStoryPageFactory(
        parent=index,
        person_name="Marcus Reed",
        title="Englishonly story",
        summary="Englishonly summary.",
        factors=[factor],
    )
    english.save_revision().publish()
    translate(theme, title="El testigo")
    translate_factor(factor, name="Identificación errónea", slug="identificacion-erronea")
    spanish = translate(english, title="Historiaespañola", summary="Historiaespañola resumen.")
    return english, spanish
