"""Posting action forms as a browser would."""

import time

from actions.forms import _signer


def shown(seconds_ago=60):
    """The signed stamp of a form shown `seconds_ago`."""
    return _signer.sign(str(int(time.time() - seconds_ago)))


def post_action(client, action, data, *, seconds_ago=60, headers=None, **extra):
    """POST `data` to the action's submit URL with the hidden envelope fields
    filled as a real form would, from the same origin."""
    payload = {"fax": "", "shown": shown(seconds_ago), **data}
    headers = {"Sec-Fetch-Site": "same-origin"} if headers is None else headers
    return client.post(action.submit_url, payload, headers=headers, **extra)
