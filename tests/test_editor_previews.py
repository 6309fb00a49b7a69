"""Staff see what they make before it is live: every page type previews in
each of its modes, and every block offered in a StreamField's block chooser
has an icon, a description and a preview that renders."""

import pytest

from django.apps import apps

from wagtail.fields import StreamField
from wagtail.models import Page

from home.models import HomePage
from tests import factories
from tests.registry_factories import NumbersPageFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"home", "stories", "actions"}

# How to make each page type a staff member can add, and where it goes.
MAKERS = {
    "InformationPage": (factories.InformationPageFactory, "home"),
    "ThemePage": (factories.ThemePageFactory, "home"),
    "StoryIndexPage": (factories.StoryIndexPageFactory, "home"),
    "ExonereeStoryPage": (factories.ExonereeStoryPageFactory, "story_index"),
    "NumbersPage": (NumbersPageFactory, "home"),
    "ActionIndexPage": (factories.ActionIndexPageFactory, "home"),
    "PetitionPage": (factories.PetitionPageFactory, "action_index"),
    "LetterPage": (factories.LetterPageFactory, "action_index"),
    "DonatePage": (factories.DonatePageFactory, "action_index"),
    "SignUpPage": (factories.SignUpPageFactory, "action_index"),
}


def creatable_page_types():
    return sorted(
        (
            model
            for model in apps.get_models()
            if issubclass(model, Page)
            and model._meta.app_label in PROJECT_APPS
            and model.is_creatable
        ),
        key=lambda model: model.__name__,
    )


def test_every_page_type_staff_can_add_is_covered_here():
    assert {m.__name__ for m in creatable_page_types()} - {"HomePage"} == set(MAKERS)


@pytest.fixture
def parents():
    home = HomePage.objects.get()
    return {
        "home": home,
        "story_index": factories.StoryIndexPageFactory(parent=home, slug="stories"),
        "action_index": factories.ActionIndexPageFactory(parent=home, slug="act"),
    }


@pytest.mark.parametrize("model", creatable_page_types(), ids=lambda m: m.__name__)
def test_every_page_type_previews_in_each_of_its_modes(model, parents):
    if model is HomePage:
        page = parents["home"]
    else:
        factory, parent = MAKERS[model.__name__]
        page = factory(parent=parents[parent], slug=model.__name__.lower())
    assert page.preview_modes, f"{model.__name__} can't be previewed"
    for mode, label in page.preview_modes:
        response = page.make_preview_request(preview_mode=mode)
        assert response.status_code == 200, f"{model.__name__}: {label}"
        assert page.title in response.render().content.decode(), f"{model.__name__}: {label}"


def chooser_blocks():
    """(where, block) for every block a StreamField's chooser offers."""
    found = {}
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                for name, block in field.stream_block.child_blocks.items():
                    found[f"{model.__name__}.{field.name}.{name}"] = block
    return found


CHOOSER_BLOCKS = chooser_blocks()


@pytest.fixture
def library():
    """An image, a document and the sample video's stored oEmbed answer (so
    that nothing asks YouTube), for the media blocks' previews."""
    factories.ImageFactory(title="Courthouse", file__width=800, file__height=500)
    factories.DocumentFactory()
    factories.EmbedFactory(url="https://www.youtube.com/watch?v=preview")


@pytest.mark.parametrize("where", CHOOSER_BLOCKS)
def test_every_block_in_the_chooser_is_described_and_previews(where, admin_client, library):
    block = CHOOSER_BLOCKS[where]
    assert block.meta.icon != "placeholder", "give it an icon"
    assert block.get_description(), "say what it is for"
    assert block.is_previewable, "give it a preview_value"

    response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})

    assert response.status_code == 200
    html = response.render().content.decode()
    assert 'href="/static/css/site.css"' in html  # styled as on the site
    assert block.render(block.get_preview_value()).strip() in html
