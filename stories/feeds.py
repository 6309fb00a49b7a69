"""An Atom feed of newly published stories, with public fields only."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from core.locales import current_language
from core.pagecache import shared
from stories.models import ExonereeStoryPage, StoryIndexPage

FEED_LENGTH = 20


class NewStoriesFeed(Feed):
    """The latest stories by first publication, in the language of the
    feed's address (/es/stories/feed/ for Spanish). One instance serves every
    request, so nothing request-specific is kept on it: the request travels
    as the feed's `obj`."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        return shared(super().__call__)(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request

    def title(self):
        return gettext("New stories | %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}

    def subtitle(self):
        return settings.SITE_DESCRIPTION

    def author_name(self):
        return settings.WAGTAIL_SITE_NAME

    def link(self, request):
        index = (
            StoryIndexPage.objects.live()
            .public()
            .filter(locale__language_code=current_language())
            .only("url_path", "path", "depth")
            .first()
        )
        return (index and index.get_url(request=request)) or "/"

    def feed_url(self, request):
        return request.build_absolute_uri(request.path)

    def items(self, request):
        stories = list(
            ExonereeStoryPage.objects.published()
            .in_locale(current_language())
            .exclude(first_published_at=None)
            .only(
                "title",
                "summary",
                "url_path",
                "path",
                "depth",
                "first_published_at",
                "last_published_at",
            )
            .newest_first()[:FEED_LENGTH]
        )
        for story in stories:
            # Worked out here, where the request is at hand, for item_link.
            story.feed_link = story.get_full_url(request=request)
        # A story outside every site has no address to link to.
        return [story for story in stories if story.feed_link]

    def item_title(self, story):
        return story.title  # the feed generator escapes it

    def item_description(self, story):
        return story.summary

    def item_link(self, story):
        return story.feed_link

    def item_guid(self, story):
        # Stable even if the story's slug or place in the tree changes later.
        host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
        return f"tag:{host},{story.first_published_at:%Y-%m-%d}:story-{story.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        return story.first_published_at

    def item_updateddate(self, story):
        # Atom requires every entry to say when it last changed.
        return story.last_published_at or story.first_published_at
