"""Read the site's configuration from environment variables.

Every settings module reads the environment through one `Env`. Instead of
failing on the first bad value, it collects every problem and `Env.check()`
raises them together at start-up, each naming the variable and what it
expects: an operator fixes a deploy in one go rather than meeting a stack
trace on the first request.
"""

import os
import zoneinfo
from urllib.parse import urlsplit

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

_REQUIRED = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class Env:
    def __init__(self, environ=None):
        self.environ = os.environ if environ is None else environ
        self.errors = []

    def _get(self, name):
        return self.environ.get(name, "").strip()

    def _missing(self, name, default, expects):
        if default is _REQUIRED:
            self.errors.append(f"{name} is not set: it must be {expects}.")
            return None
        return default

    def _invalid(self, name, value, expects, default):
        self.errors.append(f"{name} is {value!r}: it must be {expects}.")
        return None if default is _REQUIRED else default

    def text(self, name, default=_REQUIRED, *, expects="set"):
        return self._get(name) or self._missing(name, default, expects)

    def flag(self, name, default):
        value = self._get(name).lower()
        if not value:
            return default
        if value in _TRUE | _FALSE:
            return value in _TRUE
        return self._invalid(name, value, "true or false", default)

    def integer(self, name, default, *, minimum=0):
        value = self._get(name)
        if not value:
            return default
        if value.isdigit() and int(value) >= minimum:
            return int(value)
        return self._invalid(name, value, f"a whole number of at least {minimum}", default)

    def choice(self, name, default, choices):
        value = self._get(name) or default
        if value.upper() in choices:
            return value.upper()
        return self._invalid(name, value, f"one of {', '.join(choices)}", default)

    def items(self, name, default=_REQUIRED, *, expects="a comma-separated list"):
        value = self._get(name)
        if not value:
            return self._missing(name, default, expects)
        return [item.strip() for item in value.split(",") if item.strip()]

    def origins(self, name, default=()):
        """A comma-separated list of origins such as https://example.org."""
        origins = self.items(name, list(default))
        for origin in origins:
            if not _is_origin(origin):
                self._invalid(name, origin, "origins with a scheme, like https://example.org", None)
        return origins

    def url(self, name, default=_REQUIRED, *, schemes=("https", "http")):
        value = self._get(name)
        expects = f"a URL starting with {' or '.join(s + '://' for s in schemes)}"
        if not value:
            return self._missing(name, default, expects)
        parts = urlsplit(value)
        if parts.scheme not in schemes or not parts.netloc:
            return self._invalid(name, value, expects, default)
        return value.rstrip("/")

    def secret_key(self, name="SECRET_KEY"):
        expects = (
            "a random string of at least 50 characters; make one with "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
        value = self._get(name)
        if not value:
            return self._missing(name, _REQUIRED, expects)
        if len(value) < 50 or len(set(value)) < 5 or value.startswith("django-insecure"):
            return self._invalid(name, "<hidden>", expects, None)
        return value

    def time_zone(self, name, default):
        value = self._get(name) or default
        try:
            zoneinfo.ZoneInfo(value)
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            return self._invalid(name, value, "an IANA time zone like America/New_York", default)
        return value

    def database(self, name, default=_REQUIRED, **options):
        expects = "a database URL like postgres://user:password@host:5432/name"
        value = self._get(name)
        if not value:
            if default is _REQUIRED:
                return self._missing(name, default, expects)
            value = default
        try:
            return dj_database_url.parse(value, **options)
        except ValueError:
            return self._invalid(name, urlsplit(value).scheme + "://…", expects, {})

    def check(self):
        """Raise every problem found so far as one error."""
        if self.errors:
            # dict.fromkeys: a variable read by two settings modules is reported once.
            problems = "\n".join(f"  - {error}" for error in dict.fromkeys(self.errors))
            raise ImproperlyConfigured(
                f"The site cannot start: fix these environment variables "
                f"(see .env.example):\n{problems}"
            )


def _is_origin(value):
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and parts.path in ("", "/")


env = Env()
