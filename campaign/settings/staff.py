"""Staff sign-in: two factors, a lockout after failed passwords, and short
sessions (see docs/staff-guide.md, "Signing in", and docs/deploy.md). Staff
reach supporters' names, emails and the causes they signed.

base.py adds STAFF_APPS and staff_middleware() to its lists and chooses where
failed attempts are counted; the rest is here."""

from datetime import timedelta

from .env import env

# Every account signs in with a password and a second factor: a code from an
# authenticator app (TOTP), or one of its single-use backup codes.
# django-two-factor-auth's sign-in replaces Wagtail's (/admin/login/ redirects
# to it), and core.signin.SecondFactorMiddleware keeps sessions that have not
# passed it out of the rest of the admin.
STAFF_APPS = [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "axes",
]


def staff_middleware(middleware):
    """`middleware` with django_otp's and ours after the authentication, and
    axes' last, as it requires: it turns a locked-out sign-in into its page."""
    authentication = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    return [
        *middleware[: authentication + 1],
        # request.user.is_verified(): whether this session passed the second factor.
        "django_otp.middleware.OTPMiddleware",
        "core.signin.SecondFactorMiddleware",
        *middleware[authentication + 1 :],
        "axes.middleware.AxesMiddleware",
    ]


# Axes' backend first: it refuses a locked-out user and address before any
# password is checked. AxesBackend is its AxesStandaloneBackend with
# ModelBackend's session and permission methods, because tools that sign in
# with the first backend (Wagtail's page test helpers) need them;
# ModelBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"
WAGTAILADMIN_LOGIN_URL = "two_factor:login"
# The second step must follow the first within this many seconds.
TWO_FACTOR_LOGIN_TIMEOUT = 300
# How many backup codes one set holds (each works once).
TWO_FACTOR_BACKUP_CODE_COUNT = 10

# Lockout (django-axes): 5 failed sign-ins for one username from one address
# lock that pair for STAFF_LOCKOUT_MINUTES. The same username from another
# address, or another username from that address, are not locked, so that
# nobody can lock staff out of their own accounts from afar.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("STAFF_LOCKOUT_MINUTES", 30, minimum=1))
# The address as the rate limits see it, trusting TRUSTED_PROXY_HOPS proxies.
AXES_CLIENT_IP_CALLABLE = "actions.protection.client_ip"
AXES_LOCKOUT_TEMPLATE = "core/signin/locked_out.html"
# The sign-in attempts worth keeping are in Wagtail's audit log (core.audit).
AXES_DISABLE_ACCESS_LOG = True
AXES_RESET_ON_SUCCESS = True

# Staff sessions end after STAFF_SESSION_HOURS, and when the browser closes,
# so that a shared or lost computer is not left signed in.
SESSION_COOKIE_AGE = env.integer("STAFF_SESSION_HOURS", 8, minimum=1) * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.flag("STAFF_SESSION_ENDS_WITH_BROWSER", True)
