from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .panels import ImpactPanel
from .views import ImpactDashboardView


@hooks.register("register_admin_urls")
def register_impact_urls():
    return [path("impact/", ImpactDashboardView.as_view(), name="impact_dashboard")]


@hooks.register("register_reports_menu_item")
def register_impact_menu_item():
    # For everyone who uses the admin: it shows counts only.
    return MenuItem("Impact", reverse("impact_dashboard"), icon_name="site", order=100)


@hooks.register("construct_homepage_panels")
def add_impact_panel(request, panels):
    panels.append(ImpactPanel())
