from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContributingFactor


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
