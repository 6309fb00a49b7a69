"""What rendering a page works out that is the same for every request, kept in
the shared cache (Redis in production, so every process shares it) between
requests: which page an address routes to, and fragments of pages.

The page cache (core.pagecache) answers anonymous visitors with whole pages;
this makes its misses cheaper (a page just published, a listing's new filter,
a visitor with a session), and serves staff the same way.

One token, the *generation*, is part of every entry: any change that a page
may show gives it a new value, and every entry stored before is ignored from
then on. The changes are those of pages (publishing, unpublishing, moving,
deleting, saving), their view restrictions and sites, settings, snippets,
menus, images and documents (see `content_changed`); not a supporter's
signature, so a count (actions' `related_actions`) is kept briefly instead.
Staff change content rarely, and each entry is rebuilt by the next request
that needs it, so forgetting everything at once costs little and leaves
nothing to work out about which entry shows what.

Settings: `RENDER_CACHE_ENABLED`, on with Redis only (a cache in each
process's memory would keep what another process's change made stale) and off
in the test settings, whose tests change data without the signals that forget
it; `RENDER_CACHE_SECONDS`, how long an entry lives at most.
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from core.purging import is_shown_everywhere

GENERATION = "rendercache:generation"


def enabled():
    return getattr(settings, "RENDER_CACHE_ENABLED", True)


def applies(request):
    """Whether a request may read and store: not a preview, whose page or
    setting is unsaved and differs from what the cache holds."""
    return (
        enabled()
        and request is not None
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_editing", False)
    )


def lifetime():
    return getattr(settings, "RENDER_CACHE_SECONDS", 3600)


def generation(request=None, found=None):
    """The current generation, read once per request (kept on `request`) and
    created if missing. `found`: the result of a `cache.get_many` that asked
    for GENERATION with other keys, to save a round trip."""
    if request is not None and hasattr(request, "_render_generation"):
        return request._render_generation
    token = (found or {}).get(GENERATION) or cache.get(GENERATION)
    if token is None:
        cache.add(GENERATION, secrets.token_hex(8), timeout=None)
        token = cache.get(GENERATION)
    if request is not None:
        request._render_generation = token
    return token


def forget_everything(**kwargs):
    """A new generation, now and again once the change is committed: a request
    served meanwhile by another process may have stored what the database
    still held under the first one. Usable as a signal receiver."""

    def renew():
        cache.set(GENERATION, secrets.token_hex(8), timeout=None)

    renew()
    transaction.on_commit(renew)


def shown_models():
    """The models, besides settings and snippets, whose rows pages show or
    route by: a change to one of them starts a new generation."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    return (Page, PageViewRestriction, Site, Locale, get_image_model(), get_document_model())


def content_changed(sender, created=False, **kwargs):
    """post_save and post_delete of any model: a new generation when the model
    is one that pages show (`shown_models`, settings and snippets). Other
    models (supporters' data, sessions, renditions as they are made) leave it
    alone."""
    if issubclass(sender, shown_models()) or is_shown_everywhere(sender, created):
        forget_everything()


def fetch(key, request=None):
    """The value stored under `key` for this generation, or None; with the
    generation, in one round trip."""
    if not enabled():
        return None
    found = cache.get_many([GENERATION, key])
    current = generation(request, found)
    entry = found.get(key)
    if entry is not None and entry[0] == current:
        return entry[1]
    return None


def store(key, value, request=None, timeout=None):
    """Keep `value` under `key` for this generation (at most `timeout`
    seconds, RENDER_CACHE_SECONDS by default)."""
    if enabled():
        entry = (generation(request), value)
        cache.set(key, entry, timeout=lifetime() if timeout is None else timeout)
    return value
