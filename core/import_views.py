"""The admin's pages of imports: each job's progress and outcome (with its
status as JSON for the page's script), and the list of past imports. Staff
see only the kinds of import they may start (core.importers.kinds_for)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .importers import importer_for, kinds_for, start_import, visible_jobs

PER_PAGE = 50


def job_for(request, pk):
    """The job, if this user may import its kind; 404 otherwise (its file
    name alone may say more than they should know)."""
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    job.fail_if_stale()
    return job


def progress_text(job):
    """“1,250 of 5,000 rows, about 40 s left”, or what the job waits for."""
    if job.status == job.Status.WAITING:
        return "Waiting for the worker to start the import…"
    if job.total_rows is None:
        return "Reading the file…" if job.status == job.Status.RUNNING else ""
    text = f"{number_format(job.rows_done, force_grouping=True)} of " + (
        f"{number_format(job.total_rows, force_grouping=True)} rows"
    )
    left = job.seconds_left()
    if left is not None:
        text += f", about {duration(left)} left"
    return text


def duration(seconds):
    if seconds < 60:
        return f"{max(round(seconds), 1)} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes < 10 else f"{minutes} min"


def job_context(job):
    importer = importer_for(job.kind)
    return {
        "job": job,
        "importer": importer,
        "progress_text": progress_text(job),
        "results_url": importer.results_url(job) if job.status == job.Status.DONE else None,
    }


class ImportJobView(WagtailAdminTemplateMixin, TemplateView):
    """One import: a progress bar while it runs (updated by
    static/js/import-progress.js, or by the Refresh link without it), then
    its counts and problems, who ran it and when."""

    template_name = "core/admin/import_job.html"
    header_icon = "upload"

    def get(self, request, pk):
        self.job = job_for(request, pk)
        return super().get(request, pk=pk)

    def get_page_title(self):
        return f"Import of {self.job.file_name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("import_jobs"), "label": "Imports"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**job_context(self.job), **kwargs)


def job_status(request, pk):
    """The job's progress for the page's script; once it is finished, the
    outcome's HTML too, which the script puts in place of the bar."""
    job = job_for(request, pk)
    context = job_context(job)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "finished": job.finished,
            "rows_done": job.rows_done,
            "total_rows": job.total_rows,
            "fraction": job.fraction(),
            "text": context["progress_text"],
            "outcome_html": (
                render_to_string("core/admin/import_outcome.html", context, request=request)
                if job.finished
                else None
            ),
        },
        headers={"Cache-Control": "no-store"},
    )


class ImportJobListView(WagtailAdminTemplateMixin, TemplateView):
    """Past and running imports, newest first, of the kinds this user may import."""

    template_name = "core/admin/import_jobs.html"
    page_title = "Imports"
    header_icon = "upload"

    def get(self, request, *args, **kwargs):
        if not kinds_for(request.user):
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        jobs = visible_jobs(self.request.user)
        jobs.stale().fail_interrupted()
        page = Paginator(jobs, PER_PAGE).get_page(self.request.GET.get("p"))
        rows = [(job, importer_for(job.kind).label) for job in page]
        return super().get_context_data(page=page, rows=rows, **kwargs)


class ImportUploadView(WagtailAdminTemplateMixin, FormView):
    """An import's upload screen: for staff who may start imports of `kind`.
    The form checks what it can of the file at once (its type, size and
    header), so that a file that can't be imported is refused with a 400 and
    its reasons; a good one is stored and queued for the worker, and staff
    land on the import's page to follow its progress."""

    kind = None
    # The form's checkbox for checking the file without writing anything.
    dry_run_field = "dry_run"

    def dispatch(self, request, *args, **kwargs):
        if not importer_for(self.kind).can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        job = start_import(
            self.kind,
            form.cleaned_data["file"],
            user=self.request.user,
            dry_run=form.cleaned_data[self.dry_run_field],
        )
        return redirect("import_job", job.pk)
