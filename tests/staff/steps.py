"""Signing in to the admin as staff do, through the two-factor sign-in's
steps (core.signin): the password, then a code from the authenticator app or
a backup code."""

from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import Group

SIGN_IN = "/admin/sign-in/"
PASSWORD = "a-long-staff-password"


def staff_member(django_user_model, username="editor", *, device=True):
    """An editor, with an authenticator app unless device=False."""
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    if device:
        TOTPDevice.objects.create(user=user, name="default")
    return user


def code_for(user):
    """The code the user's authenticator app shows now."""
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, t0=device.t0, step=device.step):06d}"


def backup_codes(user, *codes):
    device = StaticDevice.objects.create(user=user, name="backup")
    for code in codes:
        device.token_set.create(token=code)


def password_step(client, username, password=PASSWORD, **request):
    return client.post(
        SIGN_IN,
        {
            "staff_login_view-current_step": "auth",
            "auth-username": username,
            "auth-password": password,
        },
        **request,
    )


def code_step(client, code, step="token", **request):
    return client.post(
        SIGN_IN, {"staff_login_view-current_step": step, f"{step}-otp_token": code}, **request
    )
