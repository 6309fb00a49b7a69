"""Configuration comes from the environment and fails loudly when it is wrong."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured

from campaign.settings.env import Env

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789"

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "campaign.settings.production",
    "SECRET_KEY": GOOD_KEY,
    "DATABASE_URL": "postgres://campaign:secret@db.internal:5432/campaign",
    "ALLOWED_HOSTS": "campaign.example.org",
    "WAGTAILADMIN_BASE_URL": "https://campaign.example.org",
    "EMAIL_HOST": "smtp.example.org",
}


def load_production_settings(show="'started'", **overrides):
    """Import the production settings in a fresh interpreter, as gunicorn would,
    and print the expression `show`."""
    environ = {"PATH": os.environ["PATH"], **PRODUCTION, **overrides}
    environ = {name: value for name, value in environ.items() if value is not None}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print({show})",
        ],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_starts_with_a_complete_environment():
    result = load_production_settings()

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_production_refuses_to_start_without_secret_key():
    result = load_production_settings(SECRET_KEY=None)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_lists_every_bad_variable_at_once():
    result = load_production_settings(
        SECRET_KEY="short", DATABASE_URL=None, SECURE_SSL_REDIRECT="maybe", EMAIL_HOST=None
    )

    assert result.returncode != 0
    message = result.stderr
    assert "SECRET_KEY is '<hidden>': it must be a random string of at least 50" in message
    assert "DATABASE_URL is not set" in message
    assert "SECURE_SSL_REDIRECT is 'maybe': it must be true or false" in message
    assert "EMAIL_HOST is not set: it must be the host name of your SMTP server" in message
    assert "short" not in message  # a rejected secret is never echoed


class TestEnv:
    def test_required_text_names_the_variable_and_what_it_expects(self):
        env = Env({})
        env.text("ALLOWED_HOSTS", expects="the site's host names")

        with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS is not set: it must be the"):
            env.check()

    def test_defaults_apply_when_a_variable_is_missing_or_blank(self):
        env = Env({"PORT": "  "})

        assert env.integer("PORT", 8000) == 8000
        assert env.flag("DEBUG", False) is False
        assert env.items("HOSTS", ["localhost"]) == ["localhost"]
        env.check()

    @pytest.mark.parametrize(
        ("raw", "parsed"), [("true", True), ("ON", True), ("1", True), ("no", False)]
    )
    def test_flags(self, raw, parsed):
        assert Env({"FLAG": raw}).flag("FLAG", not parsed) is parsed

    @pytest.mark.parametrize(
        ("method", "raw", "message"),
        [
            ("integer", "ten", "a whole number"),
            ("integer", "-1", "a whole number"),
            ("url", "ftp://example.org", "a URL starting with https:// or http://"),
            ("url", "example.org", "a URL starting with https:// or http://"),
            ("time_zone", "Mars/Olympus", "an IANA time zone"),
            ("origins", "campaign.example.org", "origins with a scheme"),
            ("database", "nosuchdb://x/y", "a database URL"),
            ("choice", "loud", "one of DEBUG, INFO"),
        ],
    )
    def test_malformed_values_are_reported(self, method, raw, message):
        env = Env({"VALUE": raw})
        reader = getattr(env, method)
        if method in ("integer", "time_zone"):
            reader("VALUE", 1 if method == "integer" else "UTC")
        elif method == "choice":
            reader("VALUE", "INFO", ["DEBUG", "INFO"])
        else:
            reader("VALUE")

        with pytest.raises(ImproperlyConfigured, match=f"VALUE is .*: it must be {message}"):
            env.check()

    def test_lists_are_split_and_trimmed(self):
        env = Env({"HOSTS": " a.example.org, b.example.org ,"})

        assert env.items("HOSTS") == ["a.example.org", "b.example.org"]

    def test_database_url_gets_connection_options(self):
        config = Env({"DATABASE_URL": "postgres://u:p@db:5432/campaign"}).database(
            "DATABASE_URL", conn_max_age=600, conn_health_checks=True
        )

        assert config["ENGINE"] == "django.db.backends.postgresql"
        assert config["NAME"] == "campaign"
        assert config["CONN_MAX_AGE"] == 600
        assert config["CONN_HEALTH_CHECKS"] is True

    def test_a_variable_read_twice_is_reported_once(self):
        env = Env({})
        env.url("WAGTAILADMIN_BASE_URL")
        env.url("WAGTAILADMIN_BASE_URL")

        with pytest.raises(ImproperlyConfigured) as error:
            env.check()
        assert str(error.value).count("WAGTAILADMIN_BASE_URL") == 1


CACHE = "settings.CACHES['default']['BACKEND']"
MEDIA = "settings.STORAGES['default']['BACKEND']"


@pytest.mark.parametrize(
    ("setting", "environ", "backend"),
    [
        (CACHE, {}, "django.core.cache.backends.locmem.LocMemCache"),
        (
            CACHE,
            {"REDIS_URL": "redis://127.0.0.1:6379/0"},
            "core.cache.RedisCache",
        ),
        (MEDIA, {}, "django.core.files.storage.FileSystemStorage"),
        (MEDIA, {"AWS_STORAGE_BUCKET_NAME": "media"}, "core.storage.MediaStorage"),
    ],
)
def test_optional_services_switch_on_when_configured(setting, environ, backend):
    result = load_production_settings(setting, **environ)

    assert result.stdout.strip() == backend, result.stderr


def test_production_sends_email_through_smtp():
    result = load_production_settings("settings.MAILERS['default']['OPTIONS']['host']")

    assert result.stdout.strip() == "smtp.example.org", result.stderr


def test_a_webhook_needs_a_long_secret_and_the_secret_is_never_echoed():
    result = load_production_settings(
        SUPPORTER_WEBHOOK_URL="https://crm.example.org/hook", SUPPORTER_WEBHOOK_SECRET="tiny"
    )
    assert result.returncode != 0
    assert "SUPPORTER_WEBHOOK_SECRET must be at least 32 characters" in result.stderr
    assert "tiny" not in result.stderr

    result = load_production_settings(
        show="settings.TASKS['supporters']['BACKEND']",
        SUPPORTER_WEBHOOK_URL="https://crm.example.org/hook",
        SUPPORTER_WEBHOOK_SECRET="s" * 32,
    )
    assert result.returncode == 0, result.stderr
    # Supporters' follow-ups wait in the database for the Procfile's worker.
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend"
