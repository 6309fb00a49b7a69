"""Settings shared by every environment.

Values that differ between deployments come from the environment through
`env` (see .env.example); dev.py, test.py and production.py only change
what differs between those kinds of run.
"""

from pathlib import Path

from .env import env

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False

INSTALLED_APPS = [
    "campaign",
    "core",
    "home",
    "stories",
    "registry",
    "actions",
    "impact",
    # Translation of pages and snippets into Spanish; its locales app
    # replaces wagtail.locales (the admin's list of languages).
    "wagtail_localize",
    "wagtail_localize.locales",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # intcomma: counts, goals and amounts with the locale's thousands separator.
    "django.contrib.humanize",
    # Its sitemap.xml template, for wagtail.contrib.sitemaps.
    "django.contrib.sitemaps",
    # Wagtail's database search backend uses PostgreSQL's full-text search
    # through it; on SQLite it is inert.
    "django.contrib.postgres",
    # Serve static files through whitenoise under runserver too, so that
    # development behaves as production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First, so that a PaaS health check is answered before the host check and
    # the HTTPS redirect, which an internal probe would fail.
    "campaign.health.HealthCheckMiddleware",
    # Pages as they leave the site, for anonymous visitors: a hit skips every
    # middleware below (see core.pagecache).
    "core.finished.FinishedPageCacheMiddleware",
    # Content-Security-Policy (the admin's or the public site's),
    # Permissions-Policy and CORP, on every response, static files and stored
    # pages included.
    "core.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (static files come compressed from whitenoise above).
    # Public pages carry no CSRF token to leak through BREACH: action forms
    # post without one; the admin's tokens are masked on every response.
    "django.middleware.gzip.GZipMiddleware",
    # Writes each visitor's own form stamp into pages that are cached whole
    # (see actions.middleware): outside the page cache, inside GZip.
    "actions.middleware.FormStampMiddleware",
    # Whole pages for anonymous visitors (core.pagecache), before the session
    # and the routing so that a hit costs a cache read and no SQL; inside
    # GZip, so that stored pages are plain and compressed per visitor.
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address (/es/…; none is English): after the
    # session, before the routing. Inside the page cache, which keys pages by
    # path, so the languages are kept apart without varying on
    # Accept-Language (core.pagecache drops the Vary it adds).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "campaign.urls"
WSGI_APPLICATION = "campaign.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "campaign.context_processors.site",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: production requires DATABASE_URL; dev and test default to SQLite.
DATABASE_CONN_MAX_AGE = env.integer("DATABASE_CONN_MAX_AGE", 600)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache (Redis when REDIS_URL is set), the page cache, the edge's purges
# and the render cache.
from .caching import *  # noqa: E402, F403
from .caching import REDIS_URL  # noqa: E402

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Staff accounts reach supporters' data: 12 characters at least (issue 14).
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English, with no prefix in its addresses, and Spanish under /es/ (issue 16):
# the languages of the site's pages and of its content alike.
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The organisation's own time zone, so that staff scheduling a publication
# are not misled by UTC.
TIME_ZONE = env.time_zone("TIME_ZONE", "America/New_York")
USE_I18N = True
# The site's own translations (locale/es/LC_MESSAGES/django.po), kept and
# checked by `manage.py translations` (see core.management.commands).
LOCALE_PATHS = [BASE_DIR / "locale"]
# Numbers and dates as each language writes them; Spanish as in the US (see
# campaign/formats/es/formats.py).
FORMAT_MODULE_PATH = ["campaign.formats"]
USE_TZ = True

# Static files: sources in static/ and in each app, collected into
# staticfiles/ (never the same folder), served by whitenoise with hashed
# names, compressed with brotli and gzip, cached for a year.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

# Media: S3-compatible object storage when a bucket is configured (a PaaS
# disk is wiped on every deploy), the local media/ folder otherwise.
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
AWS_STORAGE_BUCKET_NAME = env.text("AWS_STORAGE_BUCKET_NAME", None)
if AWS_STORAGE_BUCKET_NAME:
    _media_storage = {
        # django-storages', giving up quickly when the bucket is unreachable.
        "BACKEND": "core.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.url("AWS_S3_ENDPOINT_URL", None),
            "region_name": env.text("AWS_S3_REGION_NAME", None),
            "access_key": env.text("AWS_ACCESS_KEY_ID", None),
            "secret_key": env.text("AWS_SECRET_ACCESS_KEY", None),
            "custom_domain": env.text("AWS_S3_CUSTOM_DOMAIN", None),
            # Two uploads with the same name must never replace each other.
            "file_overwrite": False,
            # Media are public (images in stories); unsigned URLs keep pages
            # cacheable. Serve the bucket as public-read.
            "querystring_auth": env.flag("AWS_QUERYSTRING_AUTH", False),
            "default_acl": None,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Request limits: the page editor posts many fields, but no request needs
# more than a few megabytes outside file uploads.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email: SMTP when EMAIL_HOST is set (production requires it); otherwise
# messages are written to the log.
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "campaign@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_email_host = env.text("EMAIL_HOST", None)
if _email_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": env.integer("EMAIL_PORT", 587, minimum=1),
                "username": env.text("EMAIL_HOST_USER", ""),
                "password": env.text("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env.flag("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Security headers that hold everywhere (production adds HTTPS-only ones):
# their settings are in security_headers.py.
from .security_headers import *  # noqa: E402, F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        }
    },
    "root": {
        "handlers": ["stdout"],
        "level": env.choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR"]),
    },
    # One line per background task run is noise at INFO.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = env.text("SITE_NAME", "Wrongful Convictions Campaign")
SITE_DESCRIPTION = env.text(
    "SITE_DESCRIPTION",
    "True stories of people convicted of crimes they did not commit, and how to stop it happening.",
)
WAGTAILADMIN_BASE_URL = env.url("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    # Wagtail's database backend: on PostgreSQL its full-text search, with a
    # page of results counting every match as it ranks them (core.search);
    # on SQLite, FTS5.
    # Each language indexed and searched with its own stemming on PostgreSQL
    # (SEARCH_CONFIGS, by language code; see core.search).
    "default": {
        "BACKEND": "core.search",
        "SEARCH_CONFIGS": {"en": "english", "es": "spanish"},
    },
}
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]

# Uploads (core.uploads cleans every image and document before it is stored:
# photos lose their GPS position and other metadata, files get plain ASCII
# names). Images: no SVG (it can carry scripts), at most 10 MB and 40 million
# pixels, animation frames counted: a 12-48 MP phone photo fits, and the web
# process can turn and re-encode one within its memory. Documents: only these
# types, checked against their content (core.uploads.DocumentForm), always
# served through the site's view as a download (Content-Disposition:
# attachment, nosniff, a CSP of default-src 'none'), also from S3, never
# shown inline in the site's origin.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.uploads.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []

# Background tasks. Wagtail's own (search and reference indexing) stay
# immediate. Supporters' confirmations and webhook deliveries, and imports
# (core.importers), each have a backend in the database, run by the
# Procfile's worker (imports in a thread of their own): a slow mail server or
# CRM never holds up a visitor, and a failed delivery is retried.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "supporters": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Calls to action: abuse limits. A form shown less than ACTION_MIN_FILL_SECONDS
# before it is sent is a bot's; each address may send ACTION_RATE_LIMIT forms
# per ACTION_RATE_WINDOW seconds (shared through the cache: use Redis in
# production). TRUSTED_PROXY_HOPS is how many proxies in front of the site
# append to X-Forwarded-For (1 on Heroku, Render, Scalingo; 0 with none).
ACTION_MIN_FILL_SECONDS = env.integer("ACTION_MIN_FILL_SECONDS", 3)
# A form's stamp (when and on which page it was shown) is honoured for this
# many seconds: long enough for someone who leaves a tab open overnight, short
# enough that a stamp harvested once cannot serve a bot for ever. An older
# one is treated as none: the visitor is asked once more to press send.
ACTION_STAMP_MAX_AGE = env.integer("ACTION_STAMP_MAX_AGE", 24 * 60 * 60, minimum=60)
ACTION_RATE_LIMIT = env.integer("ACTION_RATE_LIMIT", 20, minimum=1)
ACTION_RATE_WINDOW = env.integer("ACTION_RATE_WINDOW", 600, minimum=1)
TRUSTED_PROXY_HOPS = env.integer("TRUSTED_PROXY_HOPS", 0)

# Supporters' data. Once a petition has closed, its signatures older than this
# many days are anonymised by `manage.py anonymise_expired_signatures` (run it
# daily from the PaaS scheduler).
SUPPORTER_DATA_RETENTION_DAYS = env.integer("SUPPORTER_DATA_RETENTION_DAYS", 730, minimum=1)
# Page views (impact): only daily counts are kept, for this many days (a year
# and a month: a year's comparison); the worker forgets older ones.
VIEW_COUNT_RETENTION_DAYS = env.integer("VIEW_COUNT_RETENTION_DAYS", 400, minimum=1)
# The worker emails the Moderators a summary of each week's views and
# signatures, on Monday, when this is on (impact.weekly).
IMPACT_WEEKLY_SUMMARY = env.flag("IMPACT_WEEKLY_SUMMARY", False)
# Each new signature is pushed to this address (a CRM or spreadsheet bridge),
# signed with HMAC-SHA256 using the secret, when both are set.
SUPPORTER_WEBHOOK_URL = env.url("SUPPORTER_WEBHOOK_URL", None)
SUPPORTER_WEBHOOK_SECRET = env.text("SUPPORTER_WEBHOOK_SECRET", None)
# The first retry of a failed delivery or email waits this long; each next one
# waits four times longer, up to two hours.
SUPPORTER_RETRY_BASE_SECONDS = env.integer("SUPPORTER_RETRY_BASE_SECONDS", 30)
if SUPPORTER_WEBHOOK_URL and len(SUPPORTER_WEBHOOK_SECRET or "") < 32:
    env.errors.append(
        "SUPPORTER_WEBHOOK_SECRET must be at least 32 characters when SUPPORTER_WEBHOOK_URL "
        "is set: the receiver uses it to check that signatures really come from this site."
    )

# Staff sign-in: two factors, lockout, short sessions (settings in staff.py).
from .staff import *  # noqa: E402, F403
from .staff import STAFF_APPS, staff_middleware  # noqa: E402

INSTALLED_APPS += STAFF_APPS
MIDDLEWARE = staff_middleware(MIDDLEWARE)
# Failed attempts are counted in the shared cache when it is Redis, in the
# database otherwise (each process's memory would count apart).
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if REDIS_URL
    else "axes.handlers.database.AxesDatabaseHandler"
)
# The issuer an authenticator app shows beside the account.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Axes' start-up banner, once per process, is noise; its warnings still show.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
