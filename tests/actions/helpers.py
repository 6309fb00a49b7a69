"""Posting action forms as a browser would."""

import re
import time
from contextlib import contextmanager
from unittest import mock

from actions import stamps


def shown(action, seconds_ago=60, *, asked_once=False):
    """The signed stamp of `action`'s form, shown `seconds_ago`."""
    return stamps.make(action.pk, asked_once=asked_once, at=time.time() - seconds_ago)


def stamp_in(html):
    """The stamp in a form as the visitor received it."""
    return re.search(r'name="shown" value="([^"]+)"', html)[1]


def post_action(client, action, data, *, seconds_ago=60, headers=None, **extra):
    """POST `data` to the action's submit URL with the hidden envelope fields
    filled as a real form would, from the same origin."""
    payload = {"fax": "", "shown": shown(action, seconds_ago), **data}
    headers = {"Sec-Fetch-Site": "same-origin"} if headers is None else headers
    return client.post(action.submit_url, payload, headers=headers, **extra)


@contextmanager
def later(seconds):
    """The clock moved on by `seconds`."""
    real = time.time
    with mock.patch("time.time", lambda: real() + seconds):
        yield
