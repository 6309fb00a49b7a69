from django.urls import path

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
