"""Whole pages for anonymous visitors, from the shared cache and from the edge.

A campaign's traffic comes in spikes (a broadcast, a viral post), and every
visitor without a session sees the same page. So:

- a response that says so (`share()`, or a page with `SharedPage`) is stored
  whole in the shared cache (Redis when REDIS_URL is set) by
  `PageCacheMiddleware`, which answers the next anonymous GET or HEAD for the
  same address before the session, the routing or any SQL; and, as it leaves
  the site (compressed, with its security headers), by core.finished, which
  answers before Django handles the request;
- the same response tells a CDN (and the shipped Varnish configuration,
  deploy/varnish.vcl) that it may keep it for `s-maxage` seconds;
- publishing, unpublishing, moving or deleting a page forgets every address
  that shows it (core.showing.urls_showing), in this cache and at the edge;
  editing a snippet or a setting forgets every page (core.purging).

Only what is the same for everyone is stored: a request with a session cookie
(staff, previews, a page whose password was given) is never looked up, and a
response is stored only when its view called `share()`, with status 200, no
cookie set and no streaming body.

Forgetting uses generations, not lists of keys: each path has a random token
(and the whole site one more), an entry remembers the tokens it was stored
under, and forgetting a path gives it a new token, so every query-string
variant of a listing goes at once and nothing has to enumerate them.
"""

import hashlib
import secrets
import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils.cache import patch_cache_control

# How long a browser keeps a shared page: short, since it cannot be purged.
BROWSER_SECONDS = 60
# How long the edge may serve a stale page while fetching a fresh one (at
# most a quarter of the page's lifetime, so a live count stays close), and
# while the site is down.
MAX_REVALIDATE_SECONDS = 60
STALE_IF_ERROR_SECONDS = 24 * 60 * 60

# How long past its lifetime the app's cache keeps a page, to serve it only
# when the site cannot make a new one (the database is down or restarting: a
# 5xx), as the edge does with stale-if-error. Long enough to bridge an outage
# of some minutes; short, since a stale page holds Redis memory meanwhile.
APP_STALE_IF_ERROR_SECONDS = 15 * 60

SITE_GENERATION = "pagecache:site"
# Request and response headers that describe one exchange, not the page.
NOT_STORED = {"set-cookie", "x-cache", "age", "etag", "content-length"}
# Where core.finished.PageCacheApplication leaves what its miss found.
LOOKED_UP = "campaign.pagecache.looked_up"


def share(response, seconds=None):
    """Let the app's cache and shared caches keep `response` for `seconds`
    (PAGE_CACHE_SECONDS by default). Leaves alone a response that already
    says how it may be cached (a thank-you page says never)."""
    if response.has_header("Cache-Control"):
        return response
    seconds = settings.PAGE_CACHE_SECONDS if seconds is None else seconds
    patch_cache_control(
        response,
        public=True,
        max_age=min(BROWSER_SECONDS, seconds),
        s_maxage=seconds,
        stale_while_revalidate=min(MAX_REVALIDATE_SECONDS, seconds // 4),
        stale_if_error=STALE_IF_ERROR_SECONDS,
    )
    return response


def is_anonymous(request):
    """Whether the request is the same as every other visitor's: a safe
    method, no session (so no staff member, no preview, no page password) and
    no preview. Decided from the cookie alone, without loading the session."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(request, "is_preview", False)
    )


def shared(view):
    """For views outside the page tree (search, feeds, the sitemap): their
    answers to anonymous visitors are shared, as SharedPage's are."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if is_anonymous(request) and response.status_code == 200:
            share(response)
        return response

    return wrapped


class SharedPage:
    """For page models: served to anonymous visitors with `share()`, so that
    the app's cache and the edge keep the page. A page whose rendering shows a
    live figure (a petition's count) sets `cache_seconds` to how old that
    figure may be."""

    cache_seconds = None

    def serve(self, request, *args, **kwargs):
        return self.shared_for(request, super().serve(request, *args, **kwargs))

    def shared_for(self, request, response):
        """`response`, shared if `request` is an anonymous visitor's. For page
        types whose routes bypass serve() (RoutablePageMixin's)."""
        if is_anonymous(request) and response.status_code == 200:
            share(response, self.cache_seconds)
        return response


def _path_generation_key(path):
    # By path alone, whatever the host or scheme: a purge names a page by the
    # site's root URL, which need not be how visitors reach it.
    return "pagecache:path:" + hashlib.sha256(path.encode()).hexdigest()[:32]


def _new_token():
    # A number, not text: Django's Redis serializer stores an int as it is and
    # reads it back with int(), where text is pickled and costs every hit an
    # exception and an unpickling for each of its two tokens.
    return secrets.randbits(62)


class CacheKey:
    """What a request's page is stored under: the scheme, host, path and the
    known query parameters in a fixed order (PAGE_CACHE_QUERY_PARAMETERS), so
    that made-up parameters share the plain page's entry."""

    def __init__(self, request, variant=""):
        self.path = request.path
        if request.META.get("QUERY_STRING"):
            params = [
                (name, value)
                for name in settings.PAGE_CACHE_QUERY_PARAMETERS
                for value in request.GET.getlist(name)[:3]
            ]
            self.query = urlencode(params)
        else:
            self.query = ""
        address = f"{variant}|{request.scheme}://{request.get_host()}{self.path}?{self.query}"
        self.entry = "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()[:32]
        self.path_generation = _path_generation_key(self.path)

    def narrowed_query(self, request):
        """The query string a page sees: the known parameters, and those passed
        through untouched because no page renders them
        (PAGE_CACHE_PASSED_PARAMETERS: the per-request stamp reads them)."""
        passed = urlencode(
            [
                (name, value)
                for name in settings.PAGE_CACHE_PASSED_PARAMETERS
                for value in request.GET.getlist(name)[:1]
            ]
        )
        return "&".join(part for part in (self.query, passed) if part)

    def generations(self):
        """The site's and the path's current tokens, created if missing so that
        an entry is only ever stored under tokens a purge can replace."""
        keys = [SITE_GENERATION, self.path_generation]
        found = cache.get_many([*keys, self.entry])
        if any(key not in found for key in keys):
            for key in keys:
                if key not in found:
                    cache.add(key, _new_token(), timeout=None)
            found = {**found, **cache.get_many(keys)}
        return (found.get(SITE_GENERATION), found.get(self.path_generation)), found.get(self.entry)


def _etag(body):
    return '"' + hashlib.sha256(body).hexdigest()[:24] + '"'


def _not_modified(request, etag):
    # From META, not request.headers: building that mapping costs more than
    # the rest of a cache hit.
    tags = request.META.get("HTTP_IF_NONE_MATCH")
    return bool(tags) and etag in (tag.strip() for tag in tags.split(","))


class PageCacheMiddleware:
    """Answers anonymous GET and HEAD requests from the shared cache, and
    stores the shared responses of those it lets through (see the module's
    docstring). Sits before the session and the routing, so that a hit costs
    one cache round trip and no SQL."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.skipped = tuple(settings.PAGE_CACHE_SKIPPED_PATHS)

    def applies(self, request):
        return (
            settings.PAGE_CACHE_ENABLED
            and is_anonymous(request)
            and not request.path.startswith(self.skipped)
        )

    def variant(self, request):
        """What else than the address the stored copy depends on."""
        return ""

    def lookup(self, request):
        """The request's key, the current generations, the entry stored under
        them if any, and whether it is still fresh."""
        key = CacheKey(request, self.variant(request))
        looked_up, generations, entry = request.META.get(LOOKED_UP, (None, None, None))
        if looked_up == key.entry:
            # PageCacheApplication just missed under this very key.
            return key, generations, entry, False
        generations, entry = key.generations()
        # A page purged since (other generations) is never served again.
        if entry is None or entry["generations"] != generations:
            return key, generations, None, False
        # (An entry the release before stored has no fresh_until: renew it.)
        return key, generations, entry, time.time() < entry.get("fresh_until", 0)

    def __call__(self, request):
        if not self.applies(request):
            return drop_shared_vary(self.get_response(request))
        key, generations, entry, fresh = self.lookup(request)
        if fresh:
            return self.hit(request, entry)
        request.GET = QueryDict(key.narrowed_query(request))
        request.META["QUERY_STRING"] = request.GET.urlencode()
        response = self.get_response(request)
        if entry is not None and response.status_code >= 500:
            # Stale, but better than an error: an outage of the database.
            return self.hit(request, entry, stale=True)
        if self.storable(response):
            return self.store(request, key, generations, response)
        return drop_shared_vary(response)

    def store(self, request, key, generations, response):
        """Stores the shared `response` and answers it as a miss (or a 304)."""
        lifetime = self.lifetime(response)
        entry = self.entry(response, generations, lifetime)
        cache.set(key.entry, entry, timeout=lifetime + APP_STALE_IF_ERROR_SECONDS)
        response["ETag"] = entry["etag"]
        response["X-Cache"] = "MISS"
        drop_shared_vary(response, always=True)
        if _not_modified(request, entry["etag"]):
            return self.hit(request, entry)
        return response

    @staticmethod
    def storable(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            # A stale copy the cache below served during an outage is not new.
            and response.get("X-Cache") != "STALE"
            and not response.streaming
            and not response.cookies
            and "public" in cache_control
            and "s-maxage" in cache_control
        )

    @staticmethod
    def lifetime(response):
        for directive in response["Cache-Control"].split(","):
            name, __, value = directive.strip().partition("=")
            if name == "s-maxage":
                return int(value)
        return settings.PAGE_CACHE_SECONDS

    def entry(self, response, generations, lifetime):
        drop_shared_vary(response, always=True)
        body = response.content
        # A copy the inner cache served is as old as it says.
        stored = time.time() - int(response.get("Age", 0))
        return {
            "generations": generations,
            "stored": stored,
            "fresh_until": stored + lifetime,
            "headers": [
                (name, value) for name, value in response.items() if name.lower() not in NOT_STORED
            ],
            "body": body,
            "etag": _etag(body),
        }

    def answer(self, request, entry, *, stale=False):
        """A hit's status, headers and body."""
        if _not_modified(request, entry["etag"]):
            status, body = 304, b""
            headers = [
                (name, value)
                for name, value in entry["headers"]
                if name.lower() in ("cache-control", "vary", "content-location", "expires")
            ]
        else:
            status = 200
            body = b"" if request.method == "HEAD" else entry["body"]
            headers = [*entry["headers"], ("Content-Length", str(len(entry["body"])))]
        headers += [
            ("ETag", entry["etag"]),
            # How old the copy is, so that the edge and the browser count it
            # against s-maxage and max-age rather than starting afresh.
            ("Age", str(int(time.time() - entry["stored"]))),
            ("X-Cache", "STALE" if stale else "HIT"),
        ]
        return status, headers, body

    def hit(self, request, entry, *, stale=False):
        status, headers, body = self.answer(request, entry, stale=stale)
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response[name] = value
        return response


# What a shared response must not vary on. A template that looked at
# request.user touched the session, which adds Vary: Cookie; without a session
# cookie the page is everyone's, and a Vary on every visitor's cookies would
# defeat shared caches. Django's LocaleMiddleware adds Vary: Accept-Language
# to addresses without a language prefix, but those are always English (the
# language lives in the path: /es/… is Spanish), so the page cache and the
# edge keep one copy of each.
NOT_VARIED = {"cookie", "accept-language"}


def drop_shared_vary(response, always=False):
    """`response` without NOT_VARIED in its Vary header: when it is shared
    (public, with s-maxage), or `always` (it is being stored)."""
    cache_control = response.get("Cache-Control", "")
    if not always and not ("public" in cache_control and "s-maxage" in cache_control):
        return response
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() not in NOT_VARIED]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]
    return response


def renew_generations(paths, everything=False):
    """New tokens for `paths`, and with `everything` for the whole site: no
    entry stored under the old ones is served again, not even stale."""
    tokens = {_path_generation_key(path): _new_token() for path in paths}
    if everything:
        tokens[SITE_GENERATION] = _new_token()
    cache.set_many(tokens, timeout=None)
