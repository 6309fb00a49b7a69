from wagtail import hooks

from .dashboard import ChangesRequestedPanel, MyDraftsPanel, RecentlyPublishedPanel, ScheduledPanel


@hooks.register("construct_homepage_panels")
def add_to_do_panels(request, panels):
    panels.extend(
        [ChangesRequestedPanel(), MyDraftsPanel(), ScheduledPanel(), RecentlyPublishedPanel()]
    )
