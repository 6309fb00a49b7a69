"""The Observatory's scoring (tests/observatory), on cases whose score its
published rules fix."""

import pytest

from tests import observatory

BEFORE = {
    # The public pages' headers before this policy (issue 14: "about 80, B").
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Content-Type": "text/html; charset=utf-8",
}


def scored(headers, body="", cookies=(), http_answer=(301, "https://example.org/")):
    return observatory.score(
        observatory.Scan(
            url="https://example.org/",
            headers=headers,
            body=body,
            set_cookies=list(cookies),
            http_answer=http_answer,
        )
    )


def test_without_a_policy_the_bonuses_do_not_count():
    result = scored(BEFORE)
    assert result.results["content-security-policy"] == "csp-not-implemented"
    assert (result.score, result.grade) == (75, "B")


@pytest.mark.parametrize(
    ("csp", "expected", "score"),
    [
        (
            "default-src 'none'; frame-ancestors 'none'",
            "csp-implemented-with-no-unsafe-default-src-none",
            120,
        ),
        ("default-src 'self'", "csp-implemented-with-no-unsafe", 110),
        (
            "default-src 'self'; style-src 'self' 'unsafe-inline'",
            "csp-implemented-with-unsafe-inline-in-style-src-only",
            105,
        ),
        (
            "default-src 'self'; script-src 'self' 'unsafe-inline'",
            "csp-implemented-with-unsafe-inline",
            80,
        ),
        (
            "default-src 'self'; script-src 'nonce-abc' 'unsafe-inline'",
            "csp-implemented-with-no-unsafe",
            110,
        ),
        (
            "default-src 'self'; script-src 'self' 'unsafe-eval'",
            "csp-implemented-with-unsafe-eval",
            95,
        ),
        (
            "default-src 'self'; img-src http://cdn.example.org",
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
            95,
        ),
        ("default-src https:", "csp-implemented-with-unsafe-inline", 80),
    ],
)
def test_csp_expectations(csp, expected, score):
    result = scored({**BEFORE, "Content-Security-Policy": csp})
    assert result.results["content-security-policy"] == expected
    assert result.score == score


@pytest.mark.parametrize(
    ("cookie", "expected"),
    [
        (
            "sessionid=x; Secure; HttpOnly; SameSite=Lax",
            "cookies-secure-with-httponly-sessions-and-samesite",
        ),
        ("sessionid=x; Secure; SameSite=Lax", "cookies-session-without-httponly-flag"),
        (
            "sessionid=x; HttpOnly; SameSite=Lax",
            "cookies-session-without-secure-flag-but-protected-by-hsts",
        ),
        ("csrftoken=x; Secure", "cookies-anticsrf-without-samesite-flag"),
        ("theme=dark; Secure", "cookies-secure-with-httponly-sessions"),
    ],
)
def test_cookie_expectations(cookie, expected):
    result = scored({**BEFORE, "Content-Security-Policy": "default-src 'none'"}, cookies=[cookie])
    assert result.results["cookies"] == expected


def test_the_other_tests_penalise_what_the_rules_say():
    result = scored(
        {
            "Content-Security-Policy": "default-src 'none'",
            "Access-Control-Allow-Origin": observatory.OBSERVATORY_ORIGIN,
            "Access-Control-Allow-Credentials": "true",
            "Referrer-Policy": "unsafe-url",
            "Strict-Transport-Security": "max-age=300",
            "X-Content-Type-Options": "sniff",
            "Cross-Origin-Resource-Policy": "everyone",
            "Content-Type": "text/html",
        },
        body='<script src="http://cdn.example.net/x.js"></script>',
        http_answer=(200, None),
    )
    assert result.modifiers == {
        "content-security-policy": 10,
        "cookies": 0,
        "cross-origin-resource-sharing": -50,
        "redirection": -20,
        "referrer-policy": -5,
        "strict-transport-security": -10,
        "subresource-integrity": -50,
        "x-content-type-options": -5,
        "x-frame-options": -20,
        "cross-origin-resource-policy": -5,
    }
    assert (result.score, result.grade) == (0, "F")


def test_same_origin_scripts_with_integrity_earn_the_sri_bonus():
    body = '<script src="/static/js/enhance.js" integrity="sha384-abc"></script>'
    result = scored({**BEFORE, "Content-Security-Policy": "default-src 'none'"}, body=body)
    assert (
        result.results["subresource-integrity"] == "sri-implemented-and-all-scripts-loaded-securely"
    )
