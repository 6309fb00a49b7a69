"""The dashboard's “Impact” panel: the week's views and signatures against
the week before, and the way to Reports → Impact. Two queries."""

from wagtail.admin.ui.components import Component

from . import conversion
from .periods import Period, change


class ImpactPanel(Component):
    name = "impact"
    template_name = "impact/admin/dashboard_panel.html"
    order = 410  # beside the supporters' counts, which it puts in time

    def get_context_data(self, parent_context=None):
        period = Period.ending_today(7)
        totals = conversion.totals(period)
        views, signatures = totals["views"], totals["signatures"]
        return {
            "views": views["now"],
            "views_change": change(views["now"], views["before"], 7),
            "signatures": signatures["now"],
            "signatures_change": change(signatures["now"], signatures["before"], 7),
        }
