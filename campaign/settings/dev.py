"""Local development: DEBUG on, SQLite and console email by default."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.flag("DEBUG", True)
# Not a secret: this key only ever signs data on a developer's machine.
SECRET_KEY = env.text("SECRET_KEY", "dev-only-key-never-used-in-production-0123456789abcdef")
ALLOWED_HOSTS = env.items("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
DATABASES = {"default": env.database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}

# Confirmation emails appear in the console at once, and imports run in the
# request that uploads them, with no worker to run.
TASKS = {
    **TASKS,  # noqa: F405
    "supporters": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}

# Wagtail logs every page created, edited and published at INFO, and the
# reloader announces itself: in a terminal, that buries what matters.
# Warnings and errors still show.
LOGGING = {
    **LOGGING,  # noqa: F405
    "loggers": {
        **LOGGING["loggers"],  # noqa: F405
        "wagtail": {"level": "WARNING"},
        "django.utils.autoreload": {"level": "WARNING"},
    },
}

env.check()
