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
sees every response uncompressed. It leaves the page as it was on the
response (`unfilled`) for the finished page cache (core.finished), which
stores that and writes fresh stamps into each hit with `fill_for_visitor`.
A bytes search and one HMAC per form: no query, no template."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.http import urlencode

from core.finished import Unfilled
from core.sharing import utm_value

from . import stamps

PREFIX, SUFFIX = stamps.MARKER_PREFIX, stamps.MARKER_SUFFIX


def edge_speaks_esi(request):
    # From META, as the page cache reads it: request.headers is built on first use.
    return "ESI/1.0" in request.META.get("HTTP_SURROGATE_CAPABILITY", "")


def _fillable(response):
    """A whole HTML body we may rewrite: not streamed, not already encoded."""
    return (
        not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.has_header("Content-Encoding")
    )


def fill_markers(content, fill):
    """`content` with each marker replaced by `fill(page_id)`, and how many
    were. A plain bytes search: one pass over a page without a form."""
    parts, start, filled = [], 0, 0
    while (at := content.find(PREFIX, start)) != -1:
        digits_at = at + len(PREFIX)
        end = content.find(SUFFIX, digits_at, digits_at + stamps.MAX_ID_DIGITS + len(SUFFIX))
        page_id = content[digits_at:end] if end != -1 else b""
        if not page_id.isdigit():  # bytes: ASCII digits only
            # Something else that starts alike: kept as it is.
            parts.append(content[start:digits_at])
            start = digits_at
            continue
        parts += [content[start:at], fill(page_id.decode())]
        start = end + len(SUFFIX)
        filled += 1
    if not filled:
        return content, 0
    parts.append(content[start:])
    return b"".join(parts), filled


@lru_cache(maxsize=1024)
def _envelope_url(page_id, script_prefix):
    # Cached (per script prefix, which reverse() reads): reversing a URL costs
    # more than the rest of a page's stamping.
    return reverse("actions:envelope", args=[page_id])


def attribution(request):
    """(source, platform): the `from` and `utm_source` link parameters, as
    the form's hidden inputs carry them."""
    if not request.META.get("QUERY_STRING"):
        # Most views: no parameters to parse (a cached hit pays for the parsing).
        return "", ""
    return (
        stamps.source_from(request.GET.get("from")),
        utm_value(request.GET.get("utm_source")),
    )


def fill_for_visitor(content, request, attributed=None):
    """`content` with a fresh stamp in each form, for the visitor of
    `request`, or None when it holds no marker. `attributed` is
    `attribution(request)`, when read before the query string was narrowed."""
    source, platform = attributed or attribution(request)
    content, filled = fill_markers(
        content, lambda page_id: stamps.hidden_inputs(page_id, source, platform).encode()
    )
    return content if filled else None


class FormStampMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read before the page cache inside narrows the query string to the
        # parameters in its key (it passes `from` and `utm_source` through,
        # but to no page's key: see PAGE_CACHE_PASSED_PARAMETERS).
        attributed = attribution(request)
        response = self.get_response(request)
        if not _fillable(response):
            return response
        if edge_speaks_esi(request):
            passed = zip(("from", "utm_source"), attributed, strict=True)
            query = urlencode([(name, value) for name, value in passed if value])
            query = f"?{query}" if query else ""

            def fill(page_id):
                url = _envelope_url(page_id, get_script_prefix())
                return f'<esi:include src="{url}{query}"/>'.encode()

            content, filled = fill_markers(response.content, fill)
            if not filled:
                return response
            response["Surrogate-Control"] = 'content="ESI/1.0"'
        else:
            content = fill_for_visitor(response.content, request, attributed)
            if content is None:
                return response
            # The page as it was, for the finished page cache (core.finished),
            # which makes each visitor's copy from it.
            response.unfilled = Unfilled(response.content, response.get("Cache-Control", ""))
            # This visitor's stamp is in the body now: no shared cache may keep
            # it. Nor does the cached copy's ETag name these bytes; without it
            # no 304 can hand the browser the shared copy's headers.
            response["Cache-Control"] = "private, no-cache"
            del response["Expires"]
            del response["ETag"]
        response.content = content
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(content))
        return response
