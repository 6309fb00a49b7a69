"""The security headers every response carries, beside Django's own
(SecurityMiddleware: HSTS, nosniff, Referrer-Policy, COOP; clickjacking:
X-Frame-Options).

- Content-Security-Policy: the public site's (SECURE_CSP) or, under
  CSP_ADMIN_PATHS, the admin's (CSP_ADMIN), both reporting to
  CSP_REPORT_PATH, with the media storage's origin allowed for images and
  video. A view decorated with Django's `csp_override` keeps its own.
- Permissions-Policy: the features no page uses are refused
  (PERMISSIONS_POLICY_DENIED); those a video player needs are left to the
  page and the embed hosts.
- Cross-Origin-Resource-Policy: our responses are for our own pages.
- Reporting-Endpoints: the endpoint the policy's `report-to` names.

Why no nonce on the public site: pages are cached whole and served to every
anonymous visitor (core.pagecache), headers included, so a nonce in one would
be the same for everyone who gets that copy, and known to anyone who fetched
it. Public templates have no inline script or style at all; the only inline
<script> is a story's JSON-LD, a data block (type="application/ld+json") that
browsers never run, which CSP does not govern (HTML's "prepare the script
element" stops at data blocks before any CSP check). So a public policy is a
constant, and a cached copy's header always matches its body.
tests/test_security_headers.py holds public templates to that.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.utils.csp import CSP


def media_origin():
    """Where uploaded images and documents are served from, when that is
    another origin than the site's (an S3 bucket or its CDN); None when they
    are served by the site itself."""
    parts = urlsplit(default_storage.url("csp-probe"))
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def with_media(policy, origin):
    """`policy` with the media origin allowed for images and video."""
    if not origin:
        return dict(policy)
    return {
        **policy,
        "img-src": [*policy.get("img-src", [CSP.SELF]), origin],
        "media-src": [*policy.get("media-src", [CSP.SELF]), origin],
    }


def permissions_policy():
    denied = [f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED]
    embeds = " ".join(["self", *(f'"{origin}"' for origin in settings.CSP_EMBED_ORIGINS)])
    allowed = [f"{feature}=({embeds})" for feature in settings.PERMISSIONS_POLICY_FOR_EMBEDS]
    return ", ".join(denied + allowed)


class SecurityHeadersMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware, choosing the policy by path (see the module's
    docstring), and the other headers of this module. Sits outside the
    page cache's inner layer, so a page it serves gets the same headers as
    one rendered afresh, and inside the outer one, which stores them."""

    def __init__(self, get_response):
        super().__init__(get_response)
        origin = media_origin()
        self.public = with_media(settings.SECURE_CSP, origin)
        self.admin = with_media(settings.CSP_ADMIN, origin)
        self.admin_paths = tuple(settings.CSP_ADMIN_PATHS)
        self.permissions = permissions_policy()
        # The endpoint the policies' report-to names.
        group = settings.SECURE_CSP["report-to"]
        self.reporting_endpoints = f'{group}="{settings.CSP_REPORT_PATH}"'

    def process_response(self, request, response):
        if not hasattr(response, "_csp_config"):
            # A preview is a page rendered inside the admin (Wagtail runs it
            # through the middleware at the page's own path): it is framed by
            # the editor, and may hold the admin's userbar.
            admin = request.path.startswith(self.admin_paths) or getattr(
                request, "is_preview", False
            )
            response._csp_config = self.admin if admin else self.public
        response = super().process_response(request, response)
        response.headers.setdefault("Reporting-Endpoints", self.reporting_endpoints)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response
