from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContributingFactor
from .views import ImportStoriesView


class ContributingFactorViewSet(SnippetViewSet):
    model = ContributingFactor
    icon = "tag"
    menu_label = "Contributing factors"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "theme"]
    list_filter = ["theme"]
    search_fields = ["name", "description"]


register_snippet(ContributingFactorViewSet)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("stories/import/", ImportStoriesView.as_view(), name="stories_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return MenuItem("Import stories", reverse("stories_import"), icon_name="upload", order=310)
