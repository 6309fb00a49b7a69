"""What one request to the counting endpoint says: which page was read, in
which language and from where; or that it is not to be counted.

A page's HTML is cached and shared (core.pagecache, the edge), so it cannot
hold anything about its reader: it names itself (page id and language) in
the endpoint's address, with a short HMAC so that made-up ids are refused
without a query. What differs per reader comes with the request: the
referring site's domain and the link's utm tags, which the page's script
adds (static/js/enhance.js), or without JavaScript the utm tags from the
page's own address, which the browser sends as Referer (the site's
Referrer-Policy is same-origin, so it is never sent to another site).

Not counted, and answered as if counted: Do Not Track or Global Privacy
Control, known bots, staff and anyone else with a session (previews are
staff's), and requests another site made."""

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from crawleruseragents import is_crawler

from django.conf import settings
from django.http.cookie import parse_cookie
from django.utils.crypto import constant_time_compare, salted_hmac

from core.sharing import asks_not_to_be_tracked, utm_value

from .models import DOMAIN_LENGTH

PATH = "/impact/view/"
SIGNATURE_SALT = "impact.view-counter"
# A page id: digits, more than a page's integer primary key ever has.
MAX_ID_DIGITS = 11
DOMAIN = re.compile(rf"[a-z0-9](?:[a-z0-9.-]{{0,{DOMAIN_LENGTH - 2}}}[a-z0-9])?")
# The beacon's own names for the utm values: an edge that drops utm_*
# parameters to share cache entries (deploy/varnish.vcl) would drop them.
UTM_PARAMETERS = {"s": "utm_source", "c": "utm_campaign"}


class Junk(ValueError):
    """A request no page of ours made: answered 400, nothing kept."""


@dataclass(frozen=True)
class View:
    page_id: int
    language: str
    referrer_domain: str = ""
    utm_source: str = ""
    utm_campaign: str = ""


def signature(page_id, language):
    return salted_hmac(SIGNATURE_SALT, f"{page_id}:{language}", algorithm="sha256").hexdigest()[:16]


def address(page_id, language):
    """The endpoint's address for a view of this page in this language: the
    same for every reader, so it can be cached with the page."""
    query = urlencode({"p": page_id, "l": language, "k": signature(page_id, language)})
    return f"{PATH}?{query}"


@functools.lru_cache(maxsize=4096)
def is_bot(user_agent):
    # About 1,500 patterns take a few hundred microseconds for a browser's
    # agent, which matches none; readers share a few hundred agents, so the
    # answer is kept in the process (never stored anywhere).
    return not user_agent or is_crawler(user_agent)


def is_counted(request):
    """Whether this reader may be counted at all (see the module's docstring)."""
    meta = request.META
    if asks_not_to_be_tracked(meta):
        return False
    if meta.get("HTTP_SEC_FETCH_SITE") in ("cross-site", "same-site"):
        return False
    cookies = meta.get("HTTP_COOKIE")
    if cookies and settings.SESSION_COOKIE_NAME in parse_cookie(cookies):
        return False
    return not is_bot(meta.get("HTTP_USER_AGENT", "")[:512])


def read(request, host):
    """The View this request reports, from its query string; Junk if it
    names no page of ours. `host` is the site's host, for self-referrals."""
    query = dict(parse_qsl(request.META.get("QUERY_STRING", ""), max_num_fields=8)[:8])
    page_id, language = query.get("p", ""), query.get("l", "")
    if not (page_id.isdigit() and len(page_id) <= MAX_ID_DIGITS):
        raise Junk("no page id")
    if language not in dict(settings.LANGUAGES):
        raise Junk("no language of the site")
    if not constant_time_compare(query.get("k", ""), signature(int(page_id), language)):
        raise Junk("not an address a page of ours gave")
    tags = landing_tags(request, host)
    for key, name in UTM_PARAMETERS.items():
        if key in query:
            tags[name] = utm_value(query[key])
    return View(
        page_id=int(page_id),
        language=language,
        referrer_domain=referrer_domain(query.get("r", ""), host),
        utm_source=tags.get("utm_source", ""),
        utm_campaign=tags.get("utm_campaign", ""),
    )


def landing_tags(request, host):
    """The utm values in the address of the page that made the request
    (without JavaScript, the only place they are)."""
    page = urlsplit(request.META.get("HTTP_REFERER", "")[:2048])
    if page.hostname is None or bare(page.hostname) != bare(host):
        return {}
    found = dict(parse_qsl(page.query, max_num_fields=50)[:50])
    return {name: utm_value(found.get(name, "")) for name in UTM_PARAMETERS.values()}


def referrer_domain(value, host):
    """The referring site's domain, without www.; empty for this site or junk."""
    value = bare(value.strip().lower())
    if not DOMAIN.fullmatch(value) or value == bare(host):
        return ""
    return value


def bare(host):
    return host.split(":")[0].removeprefix("www.")
