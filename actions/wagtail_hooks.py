from django.urls import reverse

from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import privacy
from .admin.consent import ConsentStatementViewSet, refuse_deleting_agreed_consent
from .admin.dashboard import SupporterCountsPanel
from .admin.deletion import (
    refuse_bulk_deleting_supporters_pages,
    warn_before_deleting_supporters_pages,
)
from .admin.permissions import SupporterDataPermissionPolicy, can_see_supporter_data
from .admin.requests import (
    ListExportFormatter,
    SupporterEraseFormatter,
    SupporterExportFormatter,
)
from .admin.viewsets import SupportersMenu
from .models import Signature, SignUpSubmission

# Before anything asks for their policies, or Wagtail would make default ones.
# The one permission is defined on Signature.
register_permission_policy(Signature, SupporterDataPermissionPolicy(Signature))
register_permission_policy(
    SignUpSubmission, SupporterDataPermissionPolicy(SignUpSubmission, auth_model=Signature)
)

register_snippet(ConsentStatementViewSet)


@hooks.register("register_admin_viewset")
def register_supporters_menu():
    # Signatures, form answers and supporter data requests, in one submenu.
    return SupportersMenu()


@hooks.register("register_log_actions")
def register_supporter_data_log_actions(actions):
    actions.register_action(privacy.EXPORTED)(SupporterExportFormatter)
    actions.register_action(privacy.ERASED)(SupporterEraseFormatter)
    actions.register_action(privacy.LIST_EXPORTED)(ListExportFormatter)


@hooks.register("construct_homepage_panels")
def add_supporter_counts(request, panels):
    panels.append(SupporterCountsPanel())


@hooks.register("filter_form_submissions_for_user")
def form_submissions_need_supporter_permission(user, editable_forms):
    # Wagtail shows a form's submissions to anyone who may edit the form page;
    # they are supporters' data, so they also need that permission.
    if can_see_supporter_data(user):
        return editable_forms
    return editable_forms.none()


hooks.register("before_delete_page", warn_before_deleting_supporters_pages)


@hooks.register("before_bulk_action")
def confirm_supporters_pages_one_by_one(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if action_type != "delete" or not pages:
        return None
    return refuse_bulk_deleting_supporters_pages(
        request, pages, action_class_instance.next_url or reverse("wagtailadmin_home")
    )


hooks.register("before_delete_snippet", refuse_deleting_agreed_consent)
