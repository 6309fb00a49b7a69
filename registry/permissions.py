"""Who may do what with case records. They are public data: anyone with
admin access may list, search, inspect and export them. Nobody adds, edits
or deletes one by hand: records change only by importing the Registry's
download, which takes `registry.import_caserecords` (Moderators; admins have
every permission)."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy

ADMIN_ACCESS = "wagtailadmin.access_admin"
IMPORT_PERMISSION = "registry.import_caserecords"


def can_import(user):
    return user.is_active and user.has_perm(IMPORT_PERMISSION)


class CaseRecordPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "view":
            return user.is_active and user.has_perm(ADMIN_ACCESS)
        if action == "import":
            return can_import(user)
        return False

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if "view" in actions:
            return users.filter(
                Q(is_superuser=True)
                | Q(user_permissions__codename="access_admin")
                | Q(groups__permissions__codename="access_admin")
            ).distinct()
        if "import" in actions:
            return self._get_users_with_any_permission_codenames({"import_caserecords"})
        return users.none()
