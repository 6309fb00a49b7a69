"""The MDN HTTP Observatory's scoring of a response's headers, offline.

Written from the Observatory's published rules, as its source states them
(https://github.com/mdn/mdn-http-observatory: src/scanner/index.js for the
sum and the extra-credit rule, src/grader/charts.js for the modifiers and
grades, src/analyzer/tests/*.js for each test) and its scoring
documentation (https://github.com/mozilla/http-observatory, docs/scoring.md):

- every site starts at 100; each of the ten tests below adds its modifier;
- bonuses (positive modifiers) count only if the score with the penalties
  alone is at least 90;
- the grade is A+ from 100 up, A from 90, A- from 85, B+ from 80, B from 70,
  B- from 65, C+ from 60, C from 50, C- from 45, D+ from 40, D from 30, D-
  from 25, F below.

The tests: Content-Security-Policy, cookies, CORS, redirection (plain HTTP to
HTTPS), Referrer-Policy, HSTS, Subresource Integrity, X-Content-Type-Options,
X-Frame-Options, Cross-Origin-Resource-Policy. What needs the outside world
is given: whether the host is on the HSTS preload list (the Observatory asks
the list; a site not yet listed gets no bonus for asking), and how the plain
HTTP address answered.
"""

from dataclasses import dataclass, field

from .checks import (
    OBSERVATORY_ORIGIN,
    cookies_test,
    corp_test,
    cors_test,
    csp_test,
    hsts_test,
    parse_csp,
    redirection_test,
    referrer_policy_test,
    sri_test,
    x_content_type_options_test,
    x_frame_options_test,
)

__all__ = ["OBSERVATORY_ORIGIN", "Result", "Scan", "parse_csp", "score"]

SCORE_FOR_EXTRA_CREDIT = 90
GRADES = [
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
]

MODIFIERS = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "redirection-to-https": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-missing": -20,
    "redirection-not-to-https": -20,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-preloaded": 5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "hsts-not-implemented-no-https": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "cross-origin-resource-policy-not-implemented": 0,
    "cross-origin-resource-policy-implemented-with-same-origin": 10,
    "cross-origin-resource-policy-implemented-with-same-site": 10,
    "cross-origin-resource-policy-implemented-with-cross-origin": 0,
    "cross-origin-resource-policy-header-invalid": -5,
}


@dataclass
class Scan:
    """What the Observatory would see of one address."""

    url: str
    headers: dict  # header name (any case) -> value
    body: str = ""
    set_cookies: list = field(default_factory=list)  # raw Set-Cookie values
    # How the same address over plain HTTP answered: (status, Location).
    http_answer: tuple = (200, None)
    hsts_preloaded: bool = False

    def header(self, name):
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


@dataclass
class Result:
    results: dict  # test -> expectation

    @property
    def modifiers(self):
        return {test: MODIFIERS[result] for test, result in self.results.items()}

    @property
    def score(self):
        penalties = sum(m for m in self.modifiers.values() if m < 0)
        if 100 + penalties >= SCORE_FOR_EXTRA_CREDIT:
            return max(100 + sum(self.modifiers.values()), 0)
        return max(100 + penalties, 0)

    @property
    def grade(self):
        return next(grade for floor, grade in GRADES if self.score >= floor)

    def __str__(self):
        lines = [f"{self.score} ({self.grade})"]
        lines += [
            f"  {MODIFIERS[result]:+4d}  {result}" for test, result in sorted(self.results.items())
        ]
        return "\n".join(lines)


def score(scan):
    return Result(
        {
            "content-security-policy": csp_test(scan),
            "cookies": cookies_test(scan),
            "cross-origin-resource-sharing": cors_test(scan),
            "redirection": redirection_test(scan),
            "referrer-policy": referrer_policy_test(scan),
            "strict-transport-security": hsts_test(scan),
            "subresource-integrity": sri_test(scan),
            "x-content-type-options": x_content_type_options_test(scan),
            "x-frame-options": x_frame_options_test(scan),
            "cross-origin-resource-policy": corp_test(scan),
        }
    )
