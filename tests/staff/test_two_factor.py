"""Every staff account signs in with a password and a second factor: a code
from an authenticator app, or a backup code once (core.signin)."""

import base64
import re
import time
from urllib.parse import unquote

import pytest
from django_otp.oath import totp

from tests.admin import sign_in

from .steps import (
    SIGN_IN,
    backup_codes,
    code_for,
    code_step,
    password_step,
    staff_member,
)

pytestmark = pytest.mark.django_db


def test_wagtails_own_sign_in_sends_staff_to_the_two_factor_one(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert unquote(response.url) == f"{SIGN_IN}?next=/admin/pages/"
    # Wagtail's own redirects for visitors lead there too.
    assert unquote(client.get("/admin/pages/").url) == f"{SIGN_IN}?next=/admin/pages/"


def test_the_sign_in_is_styled_as_the_admin(client):
    html = client.get(SIGN_IN).content.decode()
    assert "wagtailadmin/css/core.css" in html
    assert 'class="login-form"' in html
    assert "Provide a template named" not in html and "cdnjs" not in html


def test_a_password_alone_does_not_open_the_admin(client, django_user_model):
    staff_member(django_user_model)

    response = password_step(client, "editor")

    assert response.status_code == 200
    assert "Enter the 6-digit code" in response.content.decode()
    assert unquote(client.get("/admin/").url) == f"{SIGN_IN}?next=/admin/"


def test_a_session_with_a_password_alone_is_sent_back_for_the_second_step(
    client, django_user_model
):
    """A session signed in before two factors were required, say."""
    client.force_login(staff_member(django_user_model))

    for path in ["/admin/", "/admin/pages/", "/admin/two-factor/setup/", "/admin/login/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(SIGN_IN), path


def test_the_right_code_opens_the_admin_and_a_wrong_one_does_not(client, django_user_model):
    user = staff_member(django_user_model)
    password_step(client, "editor")

    wrong = code_step(client, "000000" if code_for(user) != "000000" else "111111")
    assert wrong.status_code == 200
    assert "Invalid token" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    time.sleep(1.1)  # django_otp makes each wrong code wait longer before the next

    response = code_step(client, code_for(user))
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_backup_code_works_once(client, django_user_model):
    user = staff_member(django_user_model)
    backup_codes(user, "k7p2m9x4")

    password_step(client, "editor")
    asked = client.post(SIGN_IN, {"wizard_goto_step": "backup"}).content.decode()
    assert "Enter one of your backup codes" in asked
    assert code_step(client, "k7p2m9x4", step="backup").url == "/admin/"
    assert client.get("/admin/").status_code == 200

    client.post("/admin/logout/")
    password_step(client, "editor")
    client.post(SIGN_IN, {"wizard_goto_step": "backup"})
    again = code_step(client, "k7p2m9x4", step="backup")
    assert again.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_staff_without_a_device_may_only_enrol_one_then_get_in(client, django_user_model):
    user = staff_member(django_user_model, device=False)

    signed_in = password_step(client, "editor")
    assert signed_in.status_code == 302
    for path in ["/admin/", "/admin/pages/", "/admin/reports/site-history/"]:
        assert client.get(path).url == "/admin/two-factor/setup/", path

    welcome = client.get("/admin/two-factor/setup/")
    assert welcome.status_code == 200
    assert "authenticator app" in welcome.content.decode()
    qr = client.post("/admin/two-factor/setup/", {"setup_view-current_step": "welcome"})
    key = re.search(r"<code>([A-Z2-7]+)</code>", qr.content.decode()).group(1)
    assert client.get("/admin/two-factor/setup/qr-code/").status_code == 200
    code = f"{totp(base64.b32decode(key)):06d}"
    done = client.post(
        "/admin/two-factor/setup/",
        {"setup_view-current_step": "generator", "generator-token": code},
    )

    assert done.url == "/admin/two-factor/setup/done/"
    assert user.totpdevice_set.get().confirmed
    assert "Make backup codes" in client.get(done.url).content.decode()
    assert client.get("/admin/").status_code == 200
    codes = client.post("/admin/two-factor/backup-codes/", follow=True).content.decode()
    assert len(re.findall(r"<li><code>\w+</code></li>", codes)) == 10


def test_enrolment_is_closed_to_a_password_alone_once_a_device_exists(client, django_user_model):
    """Or whoever has the password could add a phone of their own."""
    client.force_login(staff_member(django_user_model))

    response = client.post("/admin/two-factor/setup/", {"setup_view-current_step": "welcome"})

    assert response.url.startswith(SIGN_IN)


def test_a_signed_in_member_sees_their_two_factor_settings(client, django_user_model):
    user = staff_member(django_user_model)
    backup_codes(user, "k7p2m9x4", "z3n8q5w1")
    sign_in(client, user)

    account = client.get("/admin/account/").content.decode()
    assert 'href="/admin/two-factor/"' in account
    html = client.get("/admin/two-factor/").content.decode()

    assert "You have 2 unused backup codes" in html
    assert client.get("/admin/two-factor/disable/").status_code == 404
