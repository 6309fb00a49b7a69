"""What each change makes stale, for the page cache and the edge
(core.pagecache, core.edge): the signal receivers that core.apps connects,
and `forget`, which forgets addresses in both once the change is committed.

A page published, unpublished (deletion unpublishes first), moved or renamed:
every address that shows it, before and after, from core.showing. A snippet, a
setting or a menu entry: every page, since the header, the footer and the
forms show them everywhere."""

from urllib.parse import urlsplit

from django.db import transaction

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.snippets.models import get_snippet_models

from core.edge import purge, purge_everything
from core.pagecache import renew_generations
from core.showing import urls_showing

# Addresses computed before a move, keyed by page id, forgotten after it with
# the new ones (the move's two signals come from the same call).
_before_move = {}


def page_changed(instance, **kwargs):
    """page_published, page_unpublished: the page's addresses as they are now."""
    forget(urls_showing(instance))


def page_renamed(instance, instance_before, **kwargs):
    """page_slug_changed (`instance` has the new slug): the old address went
    with the old slug."""
    forget(urls_showing(instance_before) | urls_showing(instance))


def page_moving(instance, **kwargs):
    """pre_page_move: the addresses that show the page where it is now."""
    _before_move[instance.pk] = urls_showing(instance)


def page_moved(instance, **kwargs):
    """post_page_move: those, and the ones that show it where it went."""
    forget(_before_move.pop(instance.pk, set()) | urls_showing(instance))


def is_shown_everywhere(sender, created=False):
    """Whether a row of `sender` just saved or deleted is one that any page may
    show: a setting or a snippet. A setting's row created with its defaults
    (on a site's first page view) changes nothing a page shows."""
    if issubclass(sender, BaseSiteSetting | BaseGenericSetting):
        return not created
    return sender in get_snippet_models()


def shown_everywhere(sender, created=False, **kwargs):
    """post_save and post_delete of any model: forget every page when the
    row is one that any page may show, else do nothing."""
    if is_shown_everywhere(sender, created):
        forget_everything()


def forget(urls):
    """Forget `urls` (full addresses, as core.showing.urls_showing gives them)
    in this cache and at the edge, once the change that made them stale is
    committed: before it, another process could store what the database
    still holds."""
    urls = sorted(set(urls))
    if not urls:
        return
    paths = {urlsplit(url).path for url in urls}

    def now():
        renew_generations(paths)
        purge(urls)

    transaction.on_commit(now)


def forget_everything(**kwargs):
    """Forget every page, here and at the edge: for a change that every page
    may show (a menu, a setting, a snippet). Usable as a signal receiver."""

    def now():
        renew_generations((), everything=True)
        purge_everything()

    transaction.on_commit(now)
