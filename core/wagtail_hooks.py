from django.contrib.auth import get_user_model
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from . import audit, signin
from .dashboard import ChangesRequestedPanel, MyDraftsPanel, RecentlyPublishedPanel, ScheduledPanel
from .import_views import ImportJobListView, ImportJobView, job_status
from .importers import kinds_for
from .models import CspReport


@hooks.register("construct_homepage_panels")
def add_to_do_panels(request, panels):
    panels.extend(
        [ChangesRequestedPanel(), MyDraftsPanel(), ScheduledPanel(), RecentlyPublishedPanel()]
    )


class ReadOnlyForAdmins(BasePermissionPolicy):
    """Admins may read what browsers sent; nobody adds, edits or removes it."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        return users if "view" in actions else users.none()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


register_permission_policy(CspReport, ReadOnlyForAdmins(CspReport))


class CspReportViewSet(ModelViewSet):
    """Reports → CSP violations: what visitors' browsers refused to load or
    run under the site's Content-Security-Policy (docs/deploy.md)."""

    model = CspReport
    menu_label = "CSP violations"
    menu_hook = "register_reports_menu_item"
    icon = "warning"
    list_display = ["received_at", "directive", "blocked_url", "document_url"]
    list_filter = ["directive", "disposition"]
    search_fields = ["document_url", "blocked_url", "source_file"]
    inspect_view_enabled = True
    copy_view_enabled = False
    # No one may add or edit one (ReadOnlyForAdmins); the form is never shown.
    form_fields = []


@hooks.register("register_admin_viewset")
def register_csp_report_viewset():
    return CspReportViewSet("csp_reports")


# Staff sign-ins, refused passwords, lockouts and second-factor resets.
hooks.register("register_log_actions", audit.register_actions)


@hooks.register("register_admin_urls")
def second_factor_reset_urls():
    return [
        path(
            "two-factor/reset/<int:user_id>/",
            signin.ResetSecondFactorView.as_view(),
            name="reset_second_factor",
        )
    ]


hooks.register("register_user_listing_buttons", signin.reset_button)


@hooks.register("register_account_menu_item")
def two_factor_settings(request):
    """In Account: the staff member's own second factor and backup codes."""
    return {
        "url": reverse("two_factor:profile"),
        "label": "Two-factor sign-in",
        "help_text": "See how many backup codes you have left, or make new ones.",
    }


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("imports/", ImportJobListView.as_view(), name="import_jobs"),
        path("imports/<int:pk>/", ImportJobView.as_view(), name="import_job"),
        path("imports/<int:pk>/status/", job_status, name="import_job_status"),
    ]


class ImportsMenuItem(MenuItem):
    """Shown to staff who may import something (core.importers)."""

    def is_shown(self, request):
        return bool(kinds_for(request.user))


@hooks.register("register_reports_menu_item")
def register_imports_menu_item():
    return ImportsMenuItem("Imports", reverse("import_jobs"), icon_name="upload", order=900)
