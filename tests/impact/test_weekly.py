"""The Moderators' weekly summary: off unless turned on, counts only, and
sent once a week however many workers try."""

import datetime
import threading
from unittest import mock

import pytest

from django.contrib.auth.models import Group
from django.core import mail

from campaign.management.commands import run_worker
from impact import weekly
from impact.models import WeeklySummary
from tests.admin import editor
from tests.impact.figures import signed, viewed

MONDAY = datetime.date(2026, 3, 16)
LAST_WEEK = [MONDAY - datetime.timedelta(days=n) for n in range(7, 0, -1)]


@pytest.fixture
def moderators(django_user_model):
    group = Group.objects.get(name="Moderators")
    for name in ("mona", "mo"):
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
        user.groups.add(group)
    gone = django_user_model.objects.create_user("gone", "gone@example.org", "pw", is_active=False)
    gone.groups.add(group)
    editor(django_user_model)  # not a Moderator


@pytest.fixture
def week(campaign):
    first, second, petition = campaign["first"], campaign["second"], campaign["petition"]
    viewed(first, LAST_WEEK[0], 200)
    viewed(second, LAST_WEEK[3], 100)
    viewed(first, LAST_WEEK[0] - datetime.timedelta(days=3), 100)  # the week before
    signed(petition, LAST_WEEK[1], 2, source=first)
    signed(petition, LAST_WEEK[2], 5, source=second)
    signed(petition, LAST_WEEK[2], 85)  # 92 of 100: near the goal
    return campaign


def test_last_week_is_monday_to_sunday_before_today():
    period = weekly.last_week(MONDAY + datetime.timedelta(days=2))
    assert (period.first, period.last) == (LAST_WEEK[0], LAST_WEEK[-1])
    assert period.first.weekday() == 0


def test_nothing_is_sent_unless_turned_on(settings, moderators, week):
    settings.IMPACT_WEEKLY_SUMMARY = False
    assert weekly.send_weekly_summary(MONDAY) is False
    assert mail.outbox == []
    assert not WeeklySummary.objects.exists()


def test_the_summary_gives_the_weeks_figures_to_the_moderators(settings, moderators, week):
    settings.IMPACT_WEEKLY_SUMMARY = True

    assert weekly.send_weekly_summary(MONDAY) is True

    [email] = mail.outbox
    assert sorted(email.to) == ["mo@example.org", "mona@example.org"]
    assert email.subject == "Last week on the site: 300 views, 92 signatures"
    body = email.body
    assert "Views: 300 (+200 % on the previous 7 days)" in body
    assert "Signatures: 92 (new: none the period before)" in body
    # Ana Ortiz's story: 5 signatures on 100 views, against 2 on 200.
    assert f"turned most readers into signers: {week['second'].title}" in body
    assert f"Near its goal: {week['petition'].title}, 92 of 100 signatures" in body
    assert "/admin/impact/?days=7" in body
    assert "@example.org" not in body


def test_a_week_is_summed_up_once(settings, moderators, week):
    settings.IMPACT_WEEKLY_SUMMARY = True
    assert weekly.send_weekly_summary(MONDAY) is True
    # Every minute of the week after: already sent.
    assert weekly.send_weekly_summary(MONDAY + datetime.timedelta(days=3)) is False
    assert len(mail.outbox) == 1
    assert WeeklySummary.objects.get().recipients == 2
    # The next Monday, the next week.
    assert weekly.send_weekly_summary(MONDAY + datetime.timedelta(days=7)) is True
    assert len(mail.outbox) == 2


def test_a_second_worker_that_missed_the_record_sends_nothing(settings, moderators, week):
    settings.IMPACT_WEEKLY_SUMMARY = True
    WeeklySummary.objects.create(week_starting=LAST_WEEK[0])
    # As if it had looked before the first worker committed.
    with mock.patch.object(weekly.WeeklySummary.objects, "filter") as looked:
        looked.return_value.exists.return_value = False
        assert weekly.send_weekly_summary(MONDAY) is False
    assert mail.outbox == []


def test_a_failed_send_is_tried_again(settings, moderators, week):
    settings.IMPACT_WEEKLY_SUMMARY = True
    failing = mock.patch.object(weekly.EmailMessage, "send", side_effect=OSError("mail down"))
    with failing, pytest.raises(OSError):
        weekly.send_weekly_summary(MONDAY)
    assert not WeeklySummary.objects.exists()
    assert weekly.send_weekly_summary(MONDAY) is True
    assert len(mail.outbox) == 1


def test_without_a_story_read_enough_to_rank_the_most_read_is_named(settings, moderators, campaign):
    settings.IMPACT_WEEKLY_SUMMARY = True
    viewed(campaign["first"], LAST_WEEK[0], 15)
    viewed(campaign["second"], LAST_WEEK[0], 5)
    signed(campaign["petition"], LAST_WEEK[0], 3, source=campaign["second"])

    weekly.send_weekly_summary(MONDAY)

    assert f"The story read most: {campaign['first'].title} (15 views" in mail.outbox[0].body


def test_the_worker_tries_each_minute_and_outlives_a_failed_summary(monkeypatch, db):
    stopped, tried = threading.Event(), []

    def fails():
        tried.append(True)
        stopped.set()
        raise OSError("mail down")

    monkeypatch.setattr(run_worker.Command, "publish_due", lambda self: None)
    monkeypatch.setattr(run_worker.Command, "count_views", lambda self: None)
    monkeypatch.setattr(run_worker, "send_weekly_summary", fails)

    run_worker.Command().publish_until(stopped, 0)

    assert tried == [True]
