"""Who may see supporters' data: one permission, `actions.view_supporter_data`,
for signatures and form answers alike."""

from django.contrib.auth import get_user_model

from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

SUPPORTER_DATA_PERMISSION = "actions.view_supporter_data"


def can_see_supporter_data(user):
    return user.has_perm(SUPPORTER_DATA_PERMISSION)


class SupporterDataPermissionPolicy(ModelPermissionPolicy):
    """Signatures and form answers are seen only with
    `actions.view_supporter_data` (superusers have every permission). Nobody
    adds, edits or deletes them in the admin: erasure goes through the
    supporter data requests (actions.privacy), which anonymises signatures so
    that every petition's count stays true."""

    def user_has_permission(self, user, action):
        return action == "view" and can_see_supporter_data(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames({"view_supporter_data"})


class SupporterDataMenuItem(MenuItem):
    """A menu item shown only to those who may see supporters' data."""

    def is_shown(self, request):
        return can_see_supporter_data(request.user)
