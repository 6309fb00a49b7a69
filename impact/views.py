"""Reports → Impact: the dashboard, for everyone who uses the admin (counts
only; supporters' names stay behind the supporter-data permission, which
here only adds a link to the signatures), and its tables as CSV."""

from django.http import Http404
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from actions.admin.permissions import can_see_supporter_data

from .dashboard import Dashboard
from .periods import LENGTHS, Period


class ImpactDashboardView(WagtailAdminTemplateMixin, TemplateView):
    """Which stories, themes and links bring readers and signers, and how
    each live petition goes towards its goal. `?days=` chooses the period
    (7, 30 or 90), `?export=` a table's name downloads it as CSV."""

    template_name = "impact/admin/dashboard.html"
    page_title = "Impact"
    header_icon = "site"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        self.dashboard = Dashboard(Period.from_choice(request.GET.get("days")))
        export = request.GET.get("export")
        if export:
            table = self.dashboard.tables().get(export)
            if table is None:
                raise Http404("No such table.")
            return table.csv_response(self.dashboard.period)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        dashboard = self.dashboard
        return super().get_context_data(
            **kwargs,
            period=dashboard.period,
            lengths=LENGTHS,
            totals=dashboard.totals,
            figures=dashboard.figures(),
            actions=dashboard.actions(),
            action_summary=dashboard.action_summary(),
            sees_supporters=can_see_supporter_data(self.request.user),
        )
