from django.core.paginator import EmptyPage
from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.locales import current_language
from core.pagecache import SharedPage
from stories.listing import SORT_LABELS, build_listing, listing_key

from .story import ExonereeStoryPage
from .taxonomy import ContributingFactor
from .theme import ThemePage


class StoryIndexPage(SharedPage, Page):
    """The database of stories that visitors filter, sort and page through."""

    intro = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences above the list, e.g. why these stories matter.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.ExonereeStoryPage"]
    max_count = 1

    class Meta:
        verbose_name = pgettext_lazy("kind of page", "story index")

    def route(self, request, path_components):
        # Every child is a story (subpage_types): load it as one in a single
        # query, where Wagtail would load the page and then its specific type.
        if not path_components:
            return super().route(request, path_components)
        try:
            # With its portrait, which the page and its link preview show.
            story = (
                ExonereeStoryPage.objects.child_of(self)
                .select_related("portrait")
                .get(slug=path_components[0])
            )
        except ExonereeStoryPage.DoesNotExist as error:
            raise Http404 from error
        story._cached_parent_obj = self
        return story.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET
        # Worked out only if the template needs it: not when the listing's
        # fragment, rendered for the same filters and page, is in the shared
        # cache (core.rendercache). A page past the last is a 404 either way.
        context["listing"] = SimpleLazyObject(lambda: self.listing(query))
        context["listing_key"] = listing_key(query)
        context["sort_labels"] = SORT_LABELS
        return context

    def listing(self, query):
        """The stories, facets and figures the `query` string asks for."""
        try:
            return build_listing(
                ExonereeStoryPage.objects.published().child_of(self),
                ContributingFactor.objects.in_locale(self.locale_id).select_related("theme"),
                ThemePage.objects.live().in_locale(self.locale_id),
                query,
                groups_key=f"story-groups:{self.pk}",
            )
        except EmptyPage as error:
            raise Http404("There is no such page of stories.") from error

    @classmethod
    def for_request(cls, request=None):
        """The live story index in the request's language, read once per
        request however many links to it a page has. None when there is no
        live index."""
        found = getattr(request, "_story_index", None)
        if found is None:
            found = cls.objects.live().filter(locale__language_code=current_language()).first()
            found = found or False
            if request is not None:
                request._story_index = found
        return found or None

    @classmethod
    def pages_showing(cls, page):
        """The index above `page` when it is a story; every index in its
        language when it is a theme, since the index's filters name the themes."""
        indexes = cls.objects.live()
        if issubclass(page.specific_class, ThemePage):
            return indexes.filter(locale=page.locale_id)
        return indexes.ancestor_of(page)
