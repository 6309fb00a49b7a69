"""Staff in the translated page trees (issue 16). A translation of the home
page is a second root, beside the English one: staff's page permissions and
the review workflow, granted on the English pages, don't reach it by
themselves. So a page copied for translation takes its source's workflow
(a Spanish story goes through the same consent and legal review) and, for a
site's home page, its source's page permissions, and the Translators group
gets its own there: they may translate pages in that tree and nothing more."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Page, Site, WorkflowPage

TRANSLATORS = "Translators"
# Drafts only: a translation goes live through the review, like any page.
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page")


def translation_made(sender, source_obj, target_obj, **kwargs):
    """For `copy_for_translation_done`: sets up the translation `target_obj`
    of the page `source_obj` as its source is set up."""
    if not isinstance(source_obj, Page):
        return  # a snippet: nothing is granted per snippet
    for assignment in WorkflowPage.objects.filter(page=source_obj):
        WorkflowPage.objects.get_or_create(
            page=target_obj, defaults={"workflow": assignment.workflow}
        )
    if Site.objects.filter(root_page=source_obj).exists():
        for grant in GroupPagePermission.objects.filter(page=source_obj):
            GroupPagePermission.objects.get_or_create(
                group=grant.group, page=target_obj, permission=grant.permission
            )
        grant_translators(target_obj)


def grant_translators(home):
    """Let the Translators group add and edit pages below `home`, a
    translated home page."""
    group, __ = Group.objects.get_or_create(name=TRANSLATORS)
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
