import django_filters

from django import forms
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageListingViewSet, PageViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from registry.views import CASE_RECORD_BUTTONS_HOOK

from .dashboard import StoriesMissingPaperworkPanel
from .importing import jobs
from .models import ContributingFactor, ExonereeStoryPage
from .views import DraftFromCaseRecordView, ImportStoriesView


class ContributingFactorViewSet(SnippetViewSet):
    model = ContributingFactor
    icon = "tag"
    menu_label = "Contributing factors"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "registry_code", "theme"]
    list_filter = ["theme"]
    search_fields = ["name", "description"]


register_snippet(ContributingFactorViewSet)


class StoryFilterSet(PageFilterSet):
    consent_on_file = django_filters.BooleanFilter(
        label="Consent on file", widget=forms.NullBooleanSelect
    )
    legal_review_done = django_filters.BooleanFilter(
        label="Legal review done", widget=forms.NullBooleanSelect
    )
    dna_based = django_filters.BooleanFilter(label="DNA-based", widget=forms.NullBooleanSelect)

    class Meta:
        model = ExonereeStoryPage
        fields = ["jurisdiction", "factors", "consent_on_file", "legal_review_done", "dna_based"]


class StoryWorkflowActionView(WorkflowActionView):
    """Approving a story that can't be published yet from the dashboard (no
    form to show the refusal on): the approval is undone (it runs in a
    transaction) and the moderator lands on the story's editor with the
    reason, not Wagtail's “you do not have permission”."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except PublishPermissionError as refusal:
            messages.error(request, str(refusal))
            url = reverse("wagtailadmin_pages:edit", args=[self.object.pk])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                # What the action dialog expects: it then goes to `redirect`.
                return self.render_modal_json(request, {"step": "success", "redirect": url})
            return redirect(url)


class StoryPageViewSet(PageViewSet):
    """The admin's views of a story: Wagtail's, but for approving."""

    model = ExonereeStoryPage
    workflow_action_view_class = StoryWorkflowActionView


class StoryListingViewSet(PageListingViewSet):
    """Every story in one list, with the facts staff check before publishing."""

    model = ExonereeStoryPage
    icon = "user"
    menu_label = "Stories"
    add_to_admin_menu = True
    menu_order = 150
    columns = [
        *PageListingViewSet.columns,
        Column("person_name", label="Person", sort_key="person_name"),
        Column("place", label="Where"),
        Column("exoneration_year", label="Exonerated", sort_key="exoneration_year"),
        BooleanColumn("consent_on_file", label="Consent", sort_key="consent_on_file"),
        BooleanColumn("legal_review_done", label="Legal review", sort_key="legal_review_done"),
    ]
    filterset_class = StoryFilterSet


@hooks.register("register_admin_viewset")
def register_story_listing():
    return StoryListingViewSet("stories")


@hooks.register("register_admin_viewset")
def register_story_pages():
    return StoryPageViewSet("story_pages")


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("stories/import/", ImportStoriesView.as_view(), name="stories_import")]


@hooks.register("register_admin_urls")
def register_draft_from_case_record_url():
    return [
        path(
            "case_records/<int:pk>/story/",
            DraftFromCaseRecordView.as_view(),
            name="stories_draft_from_case_record",
        )
    ]


@hooks.register(CASE_RECORD_BUTTONS_HOOK)
def offer_a_story(request, record):
    """On a case record: open the stories made from it, or make a draft."""
    buttons = [
        HeaderButton(
            f"Story: {story.title}",
            url=reverse("wagtailadmin_pages:edit", args=[story.pk]),
            icon_name="edit",
        )
        for story in record.stories.order_by("title")
    ]
    if jobs.can_import(request.user):
        buttons.append(
            HeaderButton(
                "Make a draft story",
                url=reverse("stories_draft_from_case_record", args=[record.pk]),
                icon_name="doc-empty-inverse",
            )
        )
    return buttons


class ImportMenuItem(MenuItem):
    """Shown to staff who may add stories (stories.importing.jobs.can_import)."""

    def is_shown(self, request):
        return jobs.can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Import stories", reverse("stories_import"), icon_name="upload", order=310
    )


def warn_if_not_ready_to_publish(request, page):
    """Submitting a story that lacks consent or the legal review is allowed,
    since the moderator may hold the paperwork; but the editor is told, at
    once, what approval will wait for."""
    submitted = "action-submit" in request.POST or "action-restart-workflow" in request.POST
    if not submitted or not isinstance(page, ExonereeStoryPage):
        return
    missing = [f"“{label}”" for label, __ in page.missing_for_publishing()]
    if missing:
        one = len(missing) == 1
        messages.warning(
            request,
            f"“{page.title}” was submitted, but it can’t be published yet: "
            f"{' and '.join(missing)} {'is' if one else 'are'} not ticked (Case facts tab). "
            f"Tick {'it' if one else 'them'} once the paperwork is in; until then the "
            "moderator can’t approve it.",
        )


hooks.register("after_create_page", warn_if_not_ready_to_publish)
hooks.register("after_edit_page", warn_if_not_ready_to_publish)


@hooks.register("construct_homepage_panels")
def add_stories_missing_paperwork(request, panels):
    panels.append(StoriesMissingPaperworkPanel())
