"""Consent statements in the admin: the wording supporters agree to, kept by
version under Settings."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import Truncator

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import ConsentStatement


class ConsentStatementViewSet(SnippetViewSet):
    """Consent wording, kept by version. Editing one that supporters agreed to
    is refused by the model; copying it makes the next version."""

    model = ConsentStatement
    icon = "clipboard-list"
    menu_label = "Consent statements"
    add_to_settings_menu = True
    inspect_view_enabled = True
    list_filter = ["language"]
    list_display = [
        "__str__",
        Column("language", label="Language", accessor="get_language_display"),
        Column("text", label="Wording", accessor=lambda c: Truncator(c.text).words(25)),
    ]


def refuse_deleting_agreed_consent(request, instances):
    """Deleting a statement that signatures point to would fail (PROTECT):
    say why instead."""
    in_use = [c for c in instances if isinstance(c, ConsentStatement) and c.is_in_use()]
    if not in_use:
        return None
    names = ", ".join(str(consent) for consent in in_use)
    messages.error(
        request,
        f"Supporters have agreed to {names}, so it is kept with their signatures. "
        "To change the wording, add a new version.",
    )
    return redirect(reverse("wagtailsnippets_actions_consentstatement:list"))
