"""How action pages word their numbers and dates: counts as social proof only
from the threshold staff set, thousands separated, deadlines with their time
zone and one full stop."""

import datetime
import re
import zoneinfo

from django.template.loader import render_to_string

from actions.models import ActionPage, ActionSettings, LetterCompletion
from tests.actions.helpers import post_action
from tests.factories import LetterPageFactory, SignatureFactory

GOOD = {"first_name": "Ana", "last_name": "Ruiz", "email": "ana@example.org", "postcode": "10001"}


def squeezed(html):
    """The HTML with runs of white space as one space, as a browser shows it."""
    return re.sub(r"\s+", " ", html)


def set_threshold(home, threshold):
    ActionSettings.objects.update_or_create(
        site=home.get_site(), defaults={"social_proof_threshold": threshold}
    )


def progress(count, goal, threshold=100, **extra):
    context = {"count": count, "goal": goal, "threshold": threshold, **extra}
    return squeezed(render_to_string("components/progress.html", context))


def test_below_the_threshold_the_goal_invites_instead_of_a_small_count(client, home, petition):
    petition.goal = 5000
    petition.save()
    SignatureFactory.create_batch(2, action=petition)
    set_threshold(home, 3)

    html = squeezed(client.get(petition.url).text)
    assert "Be one of the first to sign. Our goal: 5,000 signatures." in html
    assert "2</strong> signed" not in html
    assert "<progress" not in html

    SignatureFactory(action=petition)
    html = squeezed(client.get(petition.url).text)
    assert "<strong>3</strong> signed · goal 5,000" in html
    assert '<progress max="5000"' in html


def test_the_default_threshold_is_a_hundred(home, petition):
    assert ActionSettings.for_site(home.get_site()).social_proof_threshold == 100
    # Cards read it with their counts, whether the site has settings saved or not.
    assert ActionPage.objects.all().cards()[0].social_proof_threshold == 100
    set_threshold(home, 7)
    assert ActionPage.objects.all().cards()[0].social_proof_threshold == 7
    assert "Be one of the first" in progress(99, 500)
    assert "<strong>100</strong> signed" in progress(100, 500)


def test_counts_and_goals_have_thousands_separators(home):
    html = progress(12345, 50000)
    assert "<strong>12,345</strong> signed · goal 50,000" in html
    # Attributes stay plain numbers.
    assert 'max="50000"' in html and 'value="12345"' in html
    assert 'aria-label="12,345 signatures of a goal of 50,000"' in html


def test_after_signing_below_the_threshold_the_visitor_is_one_of_the_first(client, home, petition):
    response = post_action(client, petition, GOOD, follow=True)
    assert "You are one of the first to sign." in squeezed(response.text)


def test_the_deadline_shows_its_time_and_time_zone_with_one_full_stop(client, petition, settings):
    settings.TIME_ZONE = "America/New_York"
    new_york = zoneinfo.ZoneInfo("America/New_York")
    petition.deadline = datetime.datetime(2099, 12, 31, 23, 59, tzinfo=new_york)
    petition.save()
    html = squeezed(client.get(petition.url).text)
    assert "Open until 31 December 2099, 11:59 pm EST." in html
    assert ".." not in html.split("Open until", 1)[1].split("</p>", 1)[0]


def test_a_closed_petition_names_its_closing_time(client, petition, settings):
    settings.TIME_ZONE = "America/New_York"
    new_york = zoneinfo.ZoneInfo("America/New_York")
    petition.deadline = datetime.datetime(2020, 7, 4, 9, 5, tzinfo=new_york)
    petition.save()
    assert "closed on 4 July 2020, 9:05 am EDT." in squeezed(client.get(petition.url).text)


def test_letters_written_are_counted_aloud_only_from_the_threshold(client, home, action_index):
    letter = LetterPageFactory(parent=action_index)
    LetterCompletion.objects.bulk_create([LetterCompletion(action=letter)] * 2)
    set_threshold(home, 3)
    assert "have written so far" not in squeezed(client.get(letter.url).text)
    LetterCompletion.objects.create(action=letter)
    assert "3 people have written so far." in squeezed(client.get(letter.url).text)
