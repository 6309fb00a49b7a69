"""Settings of the security headers that core.security adds to every
response (docs/deploy.md, "Security headers"); imported by base.py.
"""

from django.utils.csp import CSP

from .env import env

# Django's own. Framing stays denied (its default): Wagtail's preview allows itself.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The public site runs no inline script or style, so its policy needs no
# nonce: the same header is right for every visitor, and a page from the page
# cache carries it with the body it was made for. The media storage's origin
# (S3) is added to img-src and media-src when the site starts.
# Where browsers post violation reports (campaign.views.csp_report), and the
# most a report may weigh.
CSP_REPORT_PATH = "/csp-report/"
CSP_REPORT_MAX_BYTES = 16 * 1024
# Reports older than this are deleted as new ones come in: what matters is
# what browsers refuse now.
CSP_REPORT_RETENTION_DAYS = 30
# The video players a visitor may choose to play in a page (stories' video
# blocks: YouTube and Vimeo). Add a host here, or in CSP_EMBED_ORIGINS, before
# allowing videos from it.
CSP_EMBED_ORIGINS = env.origins(
    "CSP_EMBED_ORIGINS",
    ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "frame-src": CSP_EMBED_ORIGINS,
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    # Browsers that know the Reporting API post to the endpoint named here
    # (its address is in the Reporting-Endpoints header); others to report-uri.
    "report-uri": [CSP_REPORT_PATH],
    "report-to": "csp",
}
# The Wagtail admin renders inline scripts and styles of its own (and so does
# a page preview inside it), which it cannot carry nonces for: it keeps
# 'unsafe-inline' there, and still loads nothing from anywhere else. It is
# never cached, and frames its own previews.
CSP_ADMIN_PATHS = ("/admin/", "/django-admin/")
CSP_ADMIN = {
    **SECURE_CSP,
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "frame-src": [CSP.SELF, *CSP_EMBED_ORIGINS],
    # Wagtail tells admins on the dashboard when a new release is out.
    "connect-src": [CSP.SELF, "https://releases.wagtail.org"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
# Powerful features no page of ours uses, refused to the page and to anything
# it frames; a video player may still go full screen and play protected media.
PERMISSIONS_POLICY_DENIED = (
    "accelerometer",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY_FOR_EMBEDS = ("autoplay", "encrypted-media", "fullscreen", "picture-in-picture")
# Our responses are for our own pages: another site may not load them as a
# subresource. Media on S3 come from another origin and are not ours to mark.
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Staff avatars come from their own uploads or Wagtail's default, never from
# Gravatar: that would tell a third party, by a hash of each staff member's
# email, who opens the admin and when, and take an image from another origin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
