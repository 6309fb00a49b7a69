"""Each visitor's own form stamp on pages cached whole.

An action page's HTML holds a marker where its form's stamp goes (see
actions.stamps), so the page cache and the edge store one version for
everyone. On the way out, on every request, hit or miss, this middleware
replaces each marker:

- with an ESI include, when the edge in front says it speaks ESI
  (`Surrogate-Capability: …ESI/1.0`, which deploy/varnish.vcl sends): the
  edge caches the page with the include and asks `actions:envelope` for a
  fresh stamp on every view;
- else with the hidden inputs themselves. The page is then one visitor's, so
  it is marked `private, no-cache`: no shared cache downstream may keep it
  (the app's own cache, inside this middleware, kept the marker version).

It sits outside core.pagecache.PageCacheMiddleware and inside GZip, so it
sees every response uncompressed. A bytes search and one HMAC per form: no
query, no template."""

import re

from django.urls import reverse
from django.utils.http import urlencode

from . import stamps

MARKER = re.compile(
    re.escape(stamps.MARKER_PREFIX)
    + rb"([0-9]{1,%d})" % stamps.MAX_ID_DIGITS
    + re.escape(stamps.MARKER_SUFFIX)
)


def edge_speaks_esi(request):
    return "ESI/1.0" in request.headers.get("Surrogate-Capability", "")


def _fillable(response):
    """A whole HTML body we may rewrite: not streamed, not already encoded."""
    return (
        not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.has_header("Content-Encoding")
    )


class FormStampMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read before the page cache inside narrows the query string to the
        # parameters in its key, of which `from` is not one.
        source = stamps.source_from(request.GET.get("from"))
        response = self.get_response(request)
        if not _fillable(response) or stamps.MARKER_PREFIX not in response.content:
            return response
        if edge_speaks_esi(request):
            query = f"?{urlencode({'from': source})}" if source else ""

            def fill(match):
                url = reverse("actions:envelope", args=[match[1].decode()]) + query
                return f'<esi:include src="{url}"/>'.encode()

        else:

            def fill(match):
                return stamps.hidden_inputs(match[1].decode(), source).encode()

        content, filled = MARKER.subn(fill, response.content)
        if not filled:
            return response
        response.content = content
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(content))
        if edge_speaks_esi(request):
            response["Surrogate-Control"] = 'content="ESI/1.0"'
        else:
            # This visitor's stamp is in the body now: no shared cache may keep
            # it. Nor does the cached copy's ETag name these bytes; without it
            # no 304 can hand the browser the shared copy's headers.
            response["Cache-Control"] = "private, no-cache"
            del response["Expires"]
            del response["ETag"]
        return response
