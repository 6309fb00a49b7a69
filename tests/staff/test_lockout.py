"""Five wrong passwords for one username from one address lock that pair
(django-axes): the right password is then refused with a clear page, from
that address only. Attempts count in Redis in CI's PostgreSQL run, in the
database on SQLite (AXES_HANDLER)."""

import io

import pytest

from django.core.management import call_command

from .steps import password_step, staff_member

pytestmark = pytest.mark.django_db

HOME = {"REMOTE_ADDR": "198.51.100.7"}
CAFE = {"REMOTE_ADDR": "203.0.113.20"}


def fail(client, times, username="editor", **address):
    return [
        password_step(client, username, "not-the-password", **address).status_code
        for _ in range(times)
    ]


def test_five_failures_lock_the_user_at_that_address_with_a_clear_message(
    client, django_user_model
):
    staff_member(django_user_model)

    assert fail(client, 4, **HOME) == [200] * 4  # the form again, with its error
    assert fail(client, 1, **HOME) == [429]
    refused = password_step(client, "editor", **HOME)

    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Sign-in locked for a while" in page
    assert "5 wrong passwords" in page and "for 30 minutes" in page
    assert "contact the administrator" in page
    assert "wagtailadmin/css/core.css" in page
    assert client.get("/admin/").status_code == 302


def test_another_address_and_another_user_are_not_locked(client, django_user_model):
    staff_member(django_user_model)
    staff_member(django_user_model, "moderator")
    fail(client, 5, **HOME)

    elsewhere = password_step(client, "editor", **CAFE)
    assert elsewhere.status_code == 200
    assert "Enter the 6-digit code" in elsewhere.content.decode()
    colleague = password_step(client, "moderator", **HOME)
    assert "Enter the 6-digit code" in colleague.content.decode()


def test_behind_a_proxy_the_address_is_the_one_it_saw(client, django_user_model, settings):
    """The trusted-proxy rule of the rate limits (actions.protection.client_ip):
    behind one proxy, every request comes from the proxy's own address."""
    settings.TRUSTED_PROXY_HOPS = 1
    staff_member(django_user_model)
    router = {"REMOTE_ADDR": "10.0.0.1"}

    fail(client, 5, **router, HTTP_X_FORWARDED_FOR="198.51.100.7")
    locked = password_step(client, "editor", **router, HTTP_X_FORWARDED_FOR="198.51.100.7")
    # A forged first entry changes nothing: the proxy appended the real one.
    forged = password_step(
        client, "editor", **router, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7"
    )
    other = password_step(client, "editor", **router, HTTP_X_FORWARDED_FOR="203.0.113.20")

    assert (locked.status_code, forged.status_code, other.status_code) == (429, 429, 200)


def test_an_unknown_username_is_refused_like_any_other(client):
    assert fail(client, 5, "nobody", **HOME)[-1] == 429


def test_an_operator_lifts_a_lock_with_the_documented_command(client, django_user_model):
    """docs/deploy.md, "Staff accounts": with the cache handler too."""
    staff_member(django_user_model)
    fail(client, 5, **HOME)

    call_command("axes_reset_ip_username", HOME["REMOTE_ADDR"], "editor", stdout=io.StringIO())

    assert "Enter the 6-digit code" in password_step(client, "editor", **HOME).content.decode()
