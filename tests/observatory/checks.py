"""The Observatory's ten tests of a response, each giving its expectation
(the name of its result, whose modifier tests/observatory/__init__.py holds),
as its source states them (src/analyzer/tests/*.js)."""

from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

# The Observatory's Origin when it probes CORS.
OBSERVATORY_ORIGIN = "https://http-observatory.security.mozilla.org"
SIX_MONTHS = 15_768_000


# Content-Security-Policy ---------------------------------------------------

DANGEROUSLY_BROAD = {
    "ftp:",
    "http:",
    "https:",
    "*",
    "http://*",
    "http://*.*",
    "https://*",
    "https://*.*",
}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")


def parse_csp(header):
    """Directive -> set of sources; the first of a repeated directive wins,
    as in browsers. Raises ValueError for a header that parses to nothing."""
    policy = {}
    for policy_text in header.split(","):
        for part in policy_text.split(";"):
            tokens = part.split()
            if not tokens:
                continue
            name = tokens[0].lower()
            sources = {t if t.startswith(NONCES_HASHES) else t.lower() for t in tokens[1:]}
            policy.setdefault(name, sources)
    if not policy:
        raise ValueError("empty policy")
    return policy


def csp_test(scan):
    header = scan.header("Content-Security-Policy")
    if not header:
        return "csp-not-implemented"
    try:
        csp = parse_csp(header)
    except ValueError:
        return "csp-header-invalid"
    https = urlsplit(scan.url).scheme == "https"
    object_src = set(csp.get("object-src") or csp.get("default-src") or {"*"})
    script_src = set(csp.get("script-src") or csp.get("default-src") or {"*"})
    style_src = set(csp.get("style-src") or csp.get("default-src") or {"*"})
    for sources in (script_src, style_src):
        if any(s.startswith(NONCES_HASHES) for s in sources):
            sources.discard("'unsafe-inline'")
    if "'strict-dynamic'" in script_src:
        if not any(s.startswith(NONCES_HASHES) for s in script_src):
            return "csp-header-invalid"
        script_src = {
            s
            for s in script_src
            if s not in ("'self'", "'unsafe-inline'")
            and not any(s.startswith(b) for b in DANGEROUSLY_BROAD)
        }
    passive = {"img-src", "media-src"}
    active_sources = [s for d, v in csp.items() if d not in passive | {"script-src"} for s in v]
    active_sources += script_src
    passive_sources = [s for d in passive for s in (csp.get(d) or csp.get("default-src") or ())]

    def insecure(sources):
        return https and any(s.startswith(("http:", "ftp:")) for s in sources)

    if script_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE) or object_src & DANGEROUSLY_BROAD:
        return "csp-implemented-with-unsafe-inline"
    if insecure(active_sources):
        return "csp-implemented-with-insecure-scheme"
    if "'unsafe-eval'" in script_src | style_src:
        return "csp-implemented-with-unsafe-eval"
    if insecure(passive_sources):
        return "csp-implemented-with-insecure-scheme-in-passive-content-only"
    if style_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE):
        return "csp-implemented-with-unsafe-inline-in-style-src-only"
    if csp.get("default-src") == {"'none'"}:
        return "csp-implemented-with-no-unsafe-default-src-none"
    return "csp-implemented-with-no-unsafe"


# Cookies -------------------------------------------------------------------

COOKIE_GOODNESS = [
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def _worse(new, current):
    if current is None or COOKIE_GOODNESS.index(new) > COOKIE_GOODNESS.index(current):
        return new
    return current


def cookies_test(scan):
    if not scan.set_cookies:
        return "cookies-not-found"
    hsts = hsts_test(scan) in ("hsts-preloaded", "hsts-implemented-max-age-at-least-six-months")
    result = None
    missing_samesite = False
    for raw in scan.set_cookies:
        cookie = SimpleCookie()
        cookie.load(raw)
        for name, morsel in cookie.items():
            samesite = morsel["samesite"].lower()
            secure = bool(morsel["secure"])
            if samesite and samesite not in ("lax", "strict", "none"):
                result = _worse("cookies-samesite-flag-invalid", result)
            if samesite == "none" and not secure:
                result = _worse("cookies-samesite-flag-invalid", result)
            session = any(word in name.lower() for word in ("login", "sess"))
            if not secure:
                result = _worse(
                    "cookies-without-secure-flag-but-protected-by-hsts"
                    if hsts
                    else "cookies-without-secure-flag",
                    result,
                )
                if session:
                    result = _worse(
                        "cookies-session-without-secure-flag-but-protected-by-hsts"
                        if hsts
                        else "cookies-session-without-secure-flag",
                        result,
                    )
            if "csrf" in name.lower() and not samesite:
                result = _worse("cookies-anticsrf-without-samesite-flag", result)
            if session and not morsel["httponly"]:
                result = _worse("cookies-session-without-httponly-flag", result)
            missing_samesite = missing_samesite or not samesite
    if result:
        return result
    if missing_samesite:
        return "cookies-secure-with-httponly-sessions"
    return "cookies-secure-with-httponly-sessions-and-samesite"


# The rest ------------------------------------------------------------------


def cors_test(scan):
    """The response to a request sent with Origin: OBSERVATORY_ORIGIN."""
    allow_origin = scan.header("Access-Control-Allow-Origin")
    if not allow_origin:
        return "cross-origin-resource-sharing-not-implemented"
    allow_origin = allow_origin.strip().lower()
    credentials = (scan.header("Access-Control-Allow-Credentials") or "").strip().lower()
    if allow_origin == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    if allow_origin == OBSERVATORY_ORIGIN and credentials == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def redirection_test(scan):
    status, location = scan.http_answer
    if status not in (301, 302, 303, 307, 308) or not location:
        return "redirection-missing"
    target = urlsplit(location)
    if target.scheme != "https":
        return "redirection-not-to-https"
    if target.hostname != urlsplit(scan.url).hostname:
        return "redirection-off-host-from-http"
    return "redirection-to-https"


REFERRER_PRIVATE = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
REFERRER_UNSAFE = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}


def referrer_policy_test(scan):
    header = scan.header("Referrer-Policy")
    if header is None:
        return "referrer-policy-not-implemented"
    # Browsers use the last value they recognise.
    known = [
        token.strip().lower()
        for token in header.split(",")
        if token.strip().lower() in REFERRER_PRIVATE | REFERRER_UNSAFE
    ]
    if not known:
        return "referrer-policy-header-invalid"
    return "referrer-policy-private" if known[-1] in REFERRER_PRIVATE else "referrer-policy-unsafe"


def hsts_test(scan):
    if urlsplit(scan.url).scheme != "https":
        return "hsts-not-implemented-no-https"
    if scan.hsts_preloaded:
        return "hsts-preloaded"
    header = scan.header("Strict-Transport-Security")
    if not header:
        return "hsts-not-implemented"
    max_age = None
    for directive in header.split(";"):
        name, __, value = directive.strip().partition("=")
        if name.strip().lower() == "max-age":
            value = value.strip().strip('"')
            if not value.isdigit():
                return "hsts-header-invalid"
            max_age = int(value)
    if max_age is None:
        return "hsts-header-invalid"
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def _registrable(host):
    # Enough for the sites scored here: the last two labels.
    return ".".join((host or "").split(".")[-2:])


SRI_GOODNESS = [
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
    "sri-not-implemented-response-not-html",
]


def sri_test(scan):
    content_type = (scan.header("Content-Type") or "").split(";")[0].strip()
    if content_type and content_type not in ("text/html", "application/xhtml+xml"):
        return "sri-not-implemented-response-not-html"
    parser = _Scripts()
    parser.feed(scan.body)
    if not parser.scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    page = urlsplit(scan.url)
    result = None
    foreign = False

    def worse(new):
        nonlocal result
        if result is None or SRI_GOODNESS.index(new) > SRI_GOODNESS.index(result):
            result = new

    for script in parser.scripts:
        src = script.get("src")
        if not src:
            continue
        integrity = script.get("integrity")
        if src.startswith("//"):
            same_origin, secure = False, False
        elif src.startswith(("http://", "https://")):
            same_origin = _registrable(urlsplit(src).hostname) == _registrable(page.hostname)
            secure = src.startswith("https://")
        else:
            same_origin, secure = True, page.scheme == "https"
        if not same_origin:
            foreign = True
            if integrity and not secure:
                worse("sri-implemented-but-external-scripts-not-loaded-securely")
            elif not integrity and secure:
                worse("sri-not-implemented-but-external-scripts-loaded-securely")
            elif not integrity:
                worse("sri-not-implemented-and-external-scripts-not-loaded-securely")
        elif integrity and secure and result is None:
            result = "sri-implemented-and-all-scripts-loaded-securely"
    if result:
        return result
    if foreign:
        return "sri-implemented-and-external-scripts-loaded-securely"
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def x_content_type_options_test(scan):
    header = scan.header("X-Content-Type-Options")
    if header is None:
        return "x-content-type-options-not-implemented"
    if header.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def x_frame_options_test(scan):
    csp = scan.header("Content-Security-Policy")
    try:
        if csp and "frame-ancestors" in parse_csp(csp):
            return "x-frame-options-implemented-via-csp"
    except ValueError:
        pass
    header = scan.header("X-Frame-Options")
    if header is None:
        return "x-frame-options-not-implemented"
    value = header.strip().lower()
    if value in ("deny", "sameorigin"):
        return "x-frame-options-sameorigin-or-deny"
    if value.startswith("allow-from"):
        return "x-frame-options-allow-from-origin"
    return "x-frame-options-header-invalid"


def corp_test(scan):
    header = scan.header("Cross-Origin-Resource-Policy")
    if not header:
        return "cross-origin-resource-policy-not-implemented"
    return {
        "same-origin": "cross-origin-resource-policy-implemented-with-same-origin",
        "same-site": "cross-origin-resource-policy-implemented-with-same-site",
        "cross-origin": "cross-origin-resource-policy-implemented-with-cross-origin",
    }.get(header.strip().lower(), "cross-origin-resource-policy-header-invalid")
