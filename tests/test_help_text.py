"""Every field staff fill in explains itself: a campaign worker who has never
seen Wagtail reads what each one is for, on every page type and setting."""

import pytest

from django.apps import apps

from wagtail.admin.panels import FieldPanel, InlinePanel, PanelGroup, get_edit_handler
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

PROJECT_APPS = {"home", "stories", "actions"}
# Wagtail's own: the scheduling dialog and comment notifications explain
# themselves in the editor around them.
WAGTAIL_FIELDS = {"go_live_at", "expire_at", "comment_notifications"}


def edited_models():
    pages = [m for m in apps.get_models() if issubclass(m, Page) and m is not Page]
    others = [*get_snippet_models(), *settings_registry]
    return [m for m in pages + others if m._meta.app_label in PROJECT_APPS]


def unexplained(panel, model):
    """The fields under `panel` that show no help text."""
    if isinstance(panel, InlinePanel):
        child = panel.child_edit_handler
        return [f"{panel.relation_name}.{name}" for name in unexplained(child, child.model)]
    if isinstance(panel, PanelGroup):
        return [name for child in panel.children for name in unexplained(child, model)]
    if isinstance(panel, FieldPanel) and panel.field_name not in WAGTAIL_FIELDS:
        field = model._meta.get_field(panel.field_name)
        if not (panel.help_text or getattr(field, "help_text", "")):
            return [panel.field_name]
    return []


@pytest.mark.parametrize("model", edited_models(), ids=lambda m: m.__name__)
def test_every_field_in_the_editor_has_help_text(model):
    handler = model.get_edit_handler() if issubclass(model, Page) else get_edit_handler(model)
    assert unexplained(handler, model) == []
