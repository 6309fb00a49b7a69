"""Content-Security-Policy violations, as visitors' browsers report them."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# What is kept of each string a browser sends: enough to find the page and
# the resource, never a whole document.
FIELD_LENGTH = 500


class CspReportQuerySet(models.QuerySet):
    def expired(self):
        """Reports older than CSP_REPORT_RETENTION_DAYS."""
        cutoff = timezone.now() - timedelta(days=settings.CSP_REPORT_RETENTION_DAYS)
        return self.filter(received_at__lt=cutoff)


class CspReport(models.Model):
    """One violation of the site's Content-Security-Policy reported by a
    browser (to CSP_REPORT_PATH): something a page tried to load or run that
    the policy refused. A few a day come from browser extensions; many, or
    any on a page staff just changed, mean the policy or a template needs a
    fix (docs/deploy.md, "Security headers"). Read-only in the admin."""

    received_at = models.DateTimeField(
        auto_now_add=True, db_index=True, help_text="When the browser sent the report."
    )
    document_url = models.CharField(
        max_length=FIELD_LENGTH, blank=True, help_text="The page on which it happened."
    )
    directive = models.CharField(
        max_length=100,
        blank=True,
        help_text="The part of the policy that refused it, such as script-src.",
    )
    blocked_url = models.CharField(
        max_length=FIELD_LENGTH,
        blank=True,
        help_text="What was refused: an address, or 'inline' for code written in the page.",
    )
    source_file = models.CharField(
        max_length=FIELD_LENGTH,
        blank=True,
        help_text="The file that tried, when the browser knows.",
    )
    line_number = models.PositiveIntegerField(
        null=True, blank=True, help_text="Its line in that file, when the browser knows."
    )
    sample = models.CharField(
        max_length=FIELD_LENGTH,
        blank=True,
        help_text="The first characters of the refused code, when the browser sends them.",
    )
    disposition = models.CharField(
        max_length=20,
        blank=True,
        help_text="'enforce' if the browser refused it; 'report' if the policy only reported it.",
    )
    user_agent = models.CharField(
        max_length=FIELD_LENGTH, blank=True, help_text="The browser that reported it."
    )

    objects = CspReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "CSP violation report"

    def __str__(self):
        return f"{self.directive or 'violation'}: {self.blocked_url or '?'} on {self.document_url}"

    @classmethod
    def from_body(cls, body, user_agent=""):
        """An unsaved report from one report body, in either format browsers
        send: report-uri's ({"csp-report": {...}}, hyphenated keys) or the
        Reporting API's (camelCase keys). Raises ValueError for anything else."""
        if not isinstance(body, dict) or not body:
            raise ValueError("A report is a JSON object.")

        def text(*names):
            for name in names:
                value = body.get(name)
                if isinstance(value, str | int) and not isinstance(value, bool):
                    return str(value)[:FIELD_LENGTH]
            return ""

        line = text("lineNumber", "line-number")
        report = cls(
            document_url=text("documentURL", "document-uri"),
            directive=text("effectiveDirective", "effective-directive", "violated-directive")[:100],
            blocked_url=text("blockedURL", "blocked-uri"),
            source_file=text("sourceFile", "source-file"),
            line_number=min(int(line), 2**31 - 1) if line.isdigit() else None,
            sample=text("sample", "script-sample"),
            disposition=text("disposition")[:20],
            user_agent=user_agent[:FIELD_LENGTH],
        )
        if not (report.document_url or report.directive or report.blocked_url):
            raise ValueError("The report names no page, directive or resource.")
        return report
