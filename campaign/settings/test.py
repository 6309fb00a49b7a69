"""The test suite: SQLite unless DATABASE_URL names another database."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

SECRET_KEY = "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {"default": env.database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'test.sqlite3'}")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
# Tests change data (a signature, a factor) without the signals that would
# forget what core.rendercache keeps; its own tests turn it on.
RENDER_CACHE_ENABLED = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static sources straight from the finders: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests of what a page shows change data and look again, without the commit
# that would purge the page cache: they render every time. The page cache's
# own tests (tests/caching/) turn it on; the deploy tests run production's.
PAGE_CACHE_ENABLED = False

env.check()
