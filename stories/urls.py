"""Public URLs of the stories app outside the page tree.

Included before Wagtail's catch-all, so these win over any page at the same path.
"""

from django.urls import path

from stories import feeds, figures, opendata
from stories.search import search

urlpatterns = [
    path("stories.csv", opendata.stories_csv, name="stories_csv"),
    path("stories.json", opendata.stories_json, name="stories_json"),
    # The Registry's national figures: counts and shares, never a case.
    path("numbers.csv", figures.numbers_csv, name="numbers_csv"),
    path("stories/feed/", feeds.NewStoriesFeed(), name="stories_feed"),
    path("search/", search, name="search"),
]
