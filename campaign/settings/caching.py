"""The cache and what is kept in it: pages for anonymous visitors, what
rendering reuses, and the edge in front (included by base.py)."""

from .env import env

# Cache: Redis when REDIS_URL is set, so that every worker and process shares
# it (rate limits, page cache); otherwise memory local to each process.
REDIS_URL = env.url("REDIS_URL", None, schemes=("redis", "rediss"))
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, keeping its Redis client (see core.cache).
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "campaign",
        }
    }
else:
    # Django's default of 300 entries is fewer than the renditions of one
    # story index page: past it, a random third is dropped, the navigation's
    # entry with it, and a page costs a query more than it should.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# The page cache (core.pagecache) and the edge. Shared pages live
# PAGE_CACHE_SECONDS in the app's cache and at the CDN (publishing purges them
# sooner). The app's cache is on with Redis only: in each process's own memory,
# a page published through one process would stay stale in the others.
# PAGE_CACHE_ENABLED=false turns it off (for measuring).
PAGE_CACHE_ENABLED = env.flag("PAGE_CACHE_ENABLED", bool(REDIS_URL))
PAGE_CACHE_SECONDS = env.integer("PAGE_CACHE_SECONDS", 300, minimum=1)
# The query parameters a cached page may depend on (the story index's filters,
# search, pagination, the sitemap's page). Others never reach a page for an
# anonymous visitor, so that made-up parameters cannot fill the cache...
PAGE_CACHE_QUERY_PARAMETERS = (
    "q",
    "theme",
    "factor",
    "state",
    "dna",
    "decade",
    "sort",
    "page",
    "p",
)
# ...except these, which pass through without making a page of their own: no
# page renders them (the action forms' stamp, filled per request, reads `from`
# and `utm_source`: the story and the platform a signer came from).
PAGE_CACHE_PASSED_PARAMETERS = ("from", "utm_source")
# Writes a visitor's own form stamps into a stored page with an action form
# (core.finished answers such pages from the cache, stamped afresh per hit).
PAGE_CACHE_FILL = "actions.middleware.fill_for_visitor"
# The view counter (impact.endpoint) is never cached: each request is a view.
PAGE_CACHE_SKIPPED_PATHS = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/impact/",
)
# A CDN or Varnish in front of the site, purged when pages change (see
# docs/deploy.md): FRONTEND_CACHE_URL for Varnish or any cache that takes
# HTTP PURGE; CLOUDFLARE_* or CLOUDFRONT_DISTRIBUTION_ID for those CDNs.
WAGTAILFRONTENDCACHE = {}
FRONTEND_CACHE_URL = env.url("FRONTEND_CACHE_URL", None)
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_URL,
    }
if env.text("CLOUDFLARE_ZONEID", None):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.text("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env.text("CLOUDFLARE_ZONEID"),
    }
if env.text("CLOUDFRONT_DISTRIBUTION_ID", None):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.text("CLOUDFRONT_DISTRIBUTION_ID"),
    }
# Purged as given: core.showing names each language's own addresses (/es/…),
# and English has no prefix, so Wagtail's copying of every address into each
# language (/es/x → /en/x too) would only purge addresses that don't exist.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# What rendering a page works out the same for every request (core.rendercache:
# routes, page fragments, the actions at the end of a story), kept in the
# cache and forgotten whenever staff change what pages show. With Redis only,
# as the page cache: in each process's own memory, a change made through one
# process would leave the others' copies stale.
RENDER_CACHE_ENABLED = bool(REDIS_URL)
RENDER_CACHE_SECONDS = 3600
