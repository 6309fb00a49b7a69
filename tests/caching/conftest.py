"""The page cache turned on (the test settings turn it off for the rest of
the suite), and a small site to cache."""

import pytest

from tests.factories import ContributingFactorFactory, StoryIndexPageFactory, ThemePageFactory
from tests.stories.published import make_story


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    return settings


@pytest.fixture
def site_pages(home):
    """Home, a theme, a factor under it, a story index and a story filed under
    the factor."""
    theme = ThemePageFactory(parent=home, title="The Evidence", slug="the-evidence")
    factor = ContributingFactorFactory(name="False forensics", slug="forensics", theme=theme)
    index = StoryIndexPageFactory(parent=home, slug="stories")
    story = make_story(index, 1, person_name="Marcus Reed", slug="marcus-reed", factors=[factor])
    return {"home": home, "theme": theme, "factor": factor, "index": index, "story": story}
