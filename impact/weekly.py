"""The Moderators' weekly summary: last week's views and signatures against
the week before, the story that turned most readers into signers, and any
petition near its goal. Counts only. Sent by the worker (run_worker) on the
first run of each Monday, when IMPACT_WEEKLY_SUMMARY is on.

Once a week, however many workers run: the week is recorded
(WeeklySummary, unique by its Monday) in the transaction that sends the
email. A second worker's record waits for the first's commit and is then
refused; a failed send rolls the record back, and the next minute tries again."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.workflow import REVIEWERS

from . import conversion
from .dashboard import Dashboard
from .models import WeeklySummary
from .periods import Period


def last_week(today=None):
    """Monday to Sunday, the week before `today`'s."""
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return Period(7, monday - datetime.timedelta(days=1))


def moderators():
    users = get_user_model().objects.filter(is_active=True, groups__name=REVIEWERS)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def summary(period):
    """What the email says, as a template's context."""
    dashboard = Dashboard(period)
    # The best rate among stories read often enough to rank, else the most read.
    ranked = conversion.by_rate(dashboard.stories)
    best = (ranked or dashboard.stories or [None])[0]
    return {
        "period": period,
        "totals": dashboard.totals,
        "best_story": best,
        "best_by_rate": bool(ranked),
        "near_goal": [
            {"petition": petition, "projection": petition.projection(dashboard.today)}
            for petition in dashboard.petitions
            if petition.near_goal
        ],
        "dashboard_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("impact_dashboard")
        + "?days=7",
    }


def send_weekly_summary(today=None):
    """Send last week's summary unless it is off or was sent; True if sent."""
    if not settings.IMPACT_WEEKLY_SUMMARY:
        return False
    period = last_week(today)
    if WeeklySummary.objects.filter(week_starting=period.first).exists():
        return False
    recipients = moderators()
    context = summary(period)
    try:
        with transaction.atomic():
            WeeklySummary.objects.create(week_starting=period.first, recipients=len(recipients))
            if recipients:
                EmailMessage(
                    render_to_string("impact/email/weekly_subject.txt", context).strip(),
                    render_to_string("impact/email/weekly.txt", context),
                    None,
                    recipients,
                ).send()
    except IntegrityError:
        # Another worker recorded the week first: it sends.
        return False
    return True
