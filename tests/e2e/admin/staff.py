"""The campaign's staff in the browser tests of the admin: their password,
their authenticator app, how long the admin may take, and a member of a staff
group."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import Group, User

# Generous: the admin is slow to load on a busy CI machine, and expect() returns
# as soon as the condition holds.
TIMEOUT = 30_000
PASSWORD = "a-long-test-password"


def member(username, group):
    """A user in one staff group and nothing else, as the migrations set it up."""
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return with_authenticator(user)


def with_authenticator(user):
    """Staff sign in with a second factor: give them an authenticator app."""
    TOTPDevice.objects.create(user=user, name="default")
    return user


def code_for(username):
    """The code the user's authenticator app shows now."""
    device = TOTPDevice.objects.get(user__username=username)
    return f"{totp(device.bin_key, t0=device.t0, step=device.step):06d}"
