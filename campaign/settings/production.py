"""Production on a PaaS: everything that matters comes from the environment,
secrets have no default, and HTTPS is enforced."""

from .base import *  # noqa: F403
from .base import DATABASE_CONN_MAX_AGE, env

DEBUG = False
SECRET_KEY = env.secret_key()
ALLOWED_HOSTS = env.items("ALLOWED_HOSTS", expects="host names, like campaign.example.org")
CSRF_TRUSTED_ORIGINS = env.origins("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = env.url("WAGTAILADMIN_BASE_URL")
# Review notifications and supporters' confirmations must really be sent.
env.text("EMAIL_HOST", expects="the host name of your SMTP server, like smtp.example.org")

DATABASES = {
    "default": env.database(
        "DATABASE_URL", conn_max_age=DATABASE_CONN_MAX_AGE, conn_health_checks=True
    )
}

# HTTPS only. gunicorn marks requests the PaaS router received over HTTPS
# (X-Forwarded-Proto from FORWARDED_ALLOW_IPS), so Django needs no proxy
# header setting of its own.
SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 63_072_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

env.check()
