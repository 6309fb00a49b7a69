"""Guards in front of every action form: request size, cross-origin
requests, and a per-address rate limit shared by every worker.

Forgery protection without a token: action forms are anonymous, so a forged
request could only sign in someone else's name. Browsers say where a POST
comes from (Sec-Fetch-Site, or else Origin), and we refuse any from another
site. This needs no per-visitor token in the page, so pages with forms can
be cached whole for everyone; a request without either header did not come
from a browser, so it cannot be forged by one (the approach of Go's
CrossOriginProtection), and the honeypot and rate limit deal with it."""

import hashlib
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.forms import CheckboxSelectMultiple, SelectMultiple


def client_ip(request):
    """The visitor's address. Behind a PaaS router REMOTE_ADDR is the router;
    TRUSTED_PROXY_HOPS says how many proxies append to X-Forwarded-For, so the
    entry that many from the end is the one no visitor can forge."""
    hops = settings.TRUSTED_PROXY_HOPS
    if hops:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def is_cross_origin(request):
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        # No Origin: a browser that sends no Sec-Fetch-Site either is not a
        # browser at all; with Sec-Fetch-Site saying another site, refuse.
        return fetch_site is not None
    parts = urlsplit(origin)
    same_origin = parts.netloc == request.get_host() and parts.scheme == request.scheme
    if fetch_site is not None:
        # The browser says the form came from another origin. An Origin
        # naming this very site contradicts it, and no browser sends that
        # pair: refuse it. Only an origin staff trusted may send from afar.
        return same_origin or origin not in settings.CSRF_TRUSTED_ORIGINS
    return not same_origin and origin not in settings.CSRF_TRUSTED_ORIGINS


def over_rate_limit(request, scope="actions"):
    """Count this request against the address's allowance for the current
    window; True once the allowance is used up. Atomic in Redis."""
    limit, window = settings.ACTION_RATE_LIMIT, settings.ACTION_RATE_WINDOW
    # The address is hashed: the cache never holds a visitor's IP.
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{address}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return False
    return count > limit


# The byte limit of a form's request, derived from its fields' own limits,
# so that whatever the fields allow is never refused for its size.
#
# A field's max_length counts characters (code points); one is at most 4
# bytes of UTF-8. Sent as application/x-www-form-urlencoded (as the action
# forms are), a browser writes every byte outside A-Z a-z 0-9 and * - . _ as
# %XX: 3 bytes for each, so 12 bytes for a character such as an emoji, and 9
# for a CJK one (3 bytes of UTF-8). A line break is two characters (CR LF)
# sent as 6 bytes, and a space one sent as "+": both less. So 12 bytes a
# character is the worst case, and the limit of a form is
#     sum over its fields of (12 × max_length + the encoded name + "=&")
# plus a little for the request's own framing. multipart/form-data needs only
# 4 bytes a character, plus about a hundred of headers for each field, which
# FIELD_OVERHEAD_BYTES covers.
ENCODED_BYTES_PER_CHARACTER = 12
FIELD_OVERHEAD_BYTES = 200
REQUEST_OVERHEAD_BYTES = 1024
# A field with no max_length (a tick box, a date, a number): far more than
# any of them sends.
UNBOUNDED_FIELD_CHARACTERS = 255


def _field_bytes(name, field):
    """The most bytes a browser can send for one form field."""
    encoded_name = ENCODED_BYTES_PER_CHARACTER * len(name) + FIELD_OVERHEAD_BYTES
    choices = [str(value) for value, _label in getattr(field, "choices", ())]
    if choices and isinstance(field.widget, CheckboxSelectMultiple | SelectMultiple):
        # Every choice ticked: the name again for each value.
        values = [len(value) for value in choices]
    elif choices:
        values = [max(len(value) for value in choices)]
    else:
        values = [getattr(field, "max_length", None) or UNBOUNDED_FIELD_CHARACTERS]
    return sum(encoded_name + ENCODED_BYTES_PER_CHARACTER * length for length in values)


def max_request_bytes(*forms):
    """The most a browser can send for these forms (None is skipped), each
    field filled to its limit with the widest characters there are."""
    return REQUEST_OVERHEAD_BYTES + sum(
        _field_bytes(form.add_prefix(name), field)
        for form in forms
        if form is not None
        for name, field in form.fields.items()
    )


def too_large(request, *forms):
    """More bytes than `forms` can take: refused before the body is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > max_request_bytes(*forms)
