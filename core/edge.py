"""Purges at the edge: the CDN or Varnish in front of the site, configured
through wagtail.contrib.frontend_cache (settings.WAGTAILFRONTENDCACHE; see
docs/deploy.md for Varnish, Cloudflare and CloudFront)."""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import CloudfrontBackend, HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Site

logger = logging.getLogger(__name__)


def purge(urls):
    """Purge `urls` from every configured edge. The shipped Varnish
    configuration takes each as a prefix of its query-string variants."""
    purge_urls_from_cache(list(urls))


def purge_everything():
    """Purge every page of every site: one BAN for Varnish (deploy/varnish.vcl
    bans the host's every object), one wildcard invalidation for CloudFront;
    other CDNs purge by address only, so they get each site's home page and
    refresh the rest within PAGE_CACHE_SECONDS."""
    roots = [site.root_url for site in Site.objects.all()]
    for backend in get_backends().values():
        if isinstance(backend, HTTPBackend):
            for root in roots:
                _ban(backend, root)
        elif isinstance(backend, CloudfrontBackend):
            backend.purge_batch([root + "/*" for root in roots])
        else:
            backend.purge_batch([root + "/" for root in roots])


def _ban(backend, root):
    request = Request(  # noqa: S310 - the operator configures the address
        f"{backend.cache_scheme}://{backend.cache_netloc}/",
        method="BAN",
        headers={"Host": urlsplit(root).netloc},
    )
    try:
        urlopen(request, timeout=5)  # noqa: S310 - the operator configures the address
    except (URLError, OSError) as error:
        # A purge that fails must not fail the editor's save: the pages expire
        # on their own within PAGE_CACHE_SECONDS.
        logger.error("Couldn't ban %s at the edge: %s", root, error)
