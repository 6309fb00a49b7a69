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
    if parts.netloc == request.get_host() and parts.scheme == request.scheme:
        return False
    return origin not in settings.CSRF_TRUSTED_ORIGINS


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


def too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.ACTION_MAX_REQUEST_BYTES
