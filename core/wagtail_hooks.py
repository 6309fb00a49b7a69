from wagtail import hooks

from . import audit
from .dashboard import ChangesRequestedPanel, MyDraftsPanel, RecentlyPublishedPanel, ScheduledPanel


@hooks.register("construct_homepage_panels")
def add_to_do_panels(request, panels):
    panels.extend(
        [ChangesRequestedPanel(), MyDraftsPanel(), ScheduledPanel(), RecentlyPublishedPanel()]
    )


# Staff sign-ins, refused passwords, lockouts and second-factor resets.
hooks.register("register_log_actions", audit.register_actions)
