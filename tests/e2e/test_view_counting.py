"""A reader's view is counted by the page itself, with JavaScript (a beacon
carrying the referring site's domain and the link's tags) and without (the
image, whose tags come from the page's own address)."""

import pytest

from impact import beacon, counters
from impact.flush import write_counts
from impact.models import DailyPageViews, DailyViewSource
from tests.factories import StoryIndexPageFactory
from tests.impact.conftest import BROWSER
from tests.stories.published import make_story

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def story(home):
    counters._memory.clear()
    index = StoryIndexPageFactory(parent=home, slug="stories")
    yield make_story(index, 1, person_name="Marcus Reed", slug="marcus-reed")
    counters._memory.clear()


def test_a_reader_is_counted_with_javascript_and_without(browser, live_server, story):
    link = f"{live_server.url}{story.url}?utm_source=Newsletter&utm_campaign=May"
    for scripts, answer in ((True, 204), (False, 200)):
        # Not the headless browser's own agent, which is a bot's.
        context = browser.new_context(java_script_enabled=scripts, user_agent=BROWSER)
        tab = context.new_page()
        with tab.expect_response(lambda response: beacon.PATH in response.url) as counted:
            tab.goto(link, referer="https://www.news.example.com/an/article?id=7")
        assert counted.value.status == answer
        context.close()

    assert write_counts() == 2
    fields = ("referrer_domain", "utm_source", "utm_campaign", "views")
    assert sorted(DailyViewSource.objects.values_list(*fields)) == [
        ("", "newsletter", "may", 1),
        ("news.example.com", "newsletter", "may", 1),
    ]
    # The same address and browser: one person.
    assert DailyPageViews.objects.values_list("views", "visitors").get() == (2, 1)
