from django.urls import path, reverse

from wagtail import hooks

from . import audit, signin
from .dashboard import ChangesRequestedPanel, MyDraftsPanel, RecentlyPublishedPanel, ScheduledPanel


@hooks.register("construct_homepage_panels")
def add_to_do_panels(request, panels):
    panels.extend(
        [ChangesRequestedPanel(), MyDraftsPanel(), ScheduledPanel(), RecentlyPublishedPanel()]
    )


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
