"""Posting action forms as a browser would."""

import re
import time
from contextlib import contextmanager
from unittest import mock

from actions import stamps
from actions.models import ConsentStatement
from core import languages


def shown(action, seconds_ago=60, *, asked_once=False):
    """The signed stamp of `action`'s form, shown `seconds_ago`."""
    return stamps.make(action.pk, asked_once=asked_once, at=time.time() - seconds_ago)


def stamp_in(html):
    """The stamp in a form as the visitor received it."""
    return re.search(r'name="shown" value="([^"]+)"', html)[1]


def consent_shown(language="en"):
    """What a form shown now in `language` says of the consent wording it showed."""
    return ConsentStatement.current(language).shown_as(language)


def post_action(client, action, data, *, seconds_ago=60, headers=None, **extra):
    """POST `data` to the action's submit URL with the hidden envelope fields
    (and a petition's consent wording) filled as a real form would, from the
    same origin."""
    language = languages.supported(data.get("language") or action.content_language)
    payload = {
        "fax": "",
        "shown": shown(action, seconds_ago),
        "consent_shown": consent_shown(language),
        **data,
    }
    headers = {"Sec-Fetch-Site": "same-origin"} if headers is None else headers
    return client.post(action.submit_url, payload, headers=headers, **extra)


@contextmanager
def later(seconds):
    """The clock moved on by `seconds`."""
    real = time.time
    with mock.patch("time.time", lambda: real() + seconds):
        yield
