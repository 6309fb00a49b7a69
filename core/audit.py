"""Staff sign-ins in Wagtail's audit log ("Reports → Site history"), beside
the exports and erasures of supporters' data that actions logs there: who
signed in, with which second factor, from which address; every refused
password or second-factor code; every lockout; every second factor an admin reset.

An entry belongs to the staff account it is about, so that only those who
may manage accounts (admins) see it. A failed sign-in for a username that
does not exist belongs to the site instead, and does not keep what was typed:
it is sometimes a password. No entry ever holds a password."""

from axes.helpers import get_client_ip_address
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth import get_user_model
from django.utils.functional import LazyObject, empty

from wagtail.log_actions import LogFormatter, log
from wagtail.models import Site

SIGNED_IN = "core.staff.sign_in"
SIGN_IN_FAILED = "core.staff.sign_in_failed"
SECOND_FACTOR_FAILED = "core.staff.second_factor_failed"
LOCKED_OUT = "core.staff.locked_out"
SECOND_FACTOR_RESET = "core.staff.second_factor_reset"

# How each kind of device is named in the log.
SECOND_FACTORS = {TOTPDevice: "an authenticator app", StaticDevice: "a backup code"}


def acting_user(request):
    """request.user itself, for log(instance=...). django_otp's middleware
    wraps Django's lazy user in a lazy object of its own, and Wagtail's log()
    unwraps only one: given request.user, it finds no log model for the
    wrapper and silently logs nothing."""
    user = request.user
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def address(request):
    """The address the lockout counts attempts from (AXES_CLIENT_IP_CALLABLE:
    the site's trusted-proxy rule), or "" without a request."""
    return (request and get_client_ip_address(request)) or ""


def account(username):
    """The staff account with this username, or the site when there is none."""
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: username or ""}).first()
    return user or Site.objects.get(is_default_site=True)


def signed_in(sender, request, user, **kwargs):
    """user_logged_in: after both steps (or the password alone, for staff on
    their way to enrol a device)."""
    device = getattr(user, "otp_device", None)
    log(
        instance=user,
        action=SIGNED_IN,
        user=user,
        data={
            "address": address(request),
            "second_factor": SECOND_FACTORS.get(type(device), "") if device else "",
        },
    )


def sign_in_failed(sender, credentials, request=None, **kwargs):
    """user_login_failed: a wrong password, an unknown username, or a locked
    account (Django reports each alike)."""
    instance = account(credentials.get(get_user_model().USERNAME_FIELD))
    log(
        instance=instance,
        action=SIGN_IN_FAILED,
        title=None if isinstance(instance, get_user_model()) else "Unknown username",
        data={"address": address(request)},
    )


def second_factor_failed(request, user):
    """A wrong (or too hasty) code from the app, or a wrong backup code, after
    the right password."""
    log(instance=user, action=SECOND_FACTOR_FAILED, data={"address": address(request)})


def locked_out(sender, request, username, ip_address, **kwargs):
    """axes' user_locked_out: this username from this address is refused for
    AXES_COOLOFF_TIME."""
    instance = account(username)
    log(
        instance=instance,
        action=LOCKED_OUT,
        title=None if isinstance(instance, get_user_model()) else "Unknown username",
        data={"address": ip_address or ""},
    )


def second_factor_reset(user, *, by=None, devices=0):
    """An admin removed `user`'s devices and backup codes (a lost phone)."""
    log(instance=user, action=SECOND_FACTOR_RESET, user=by, data={"devices": devices})


class SignedInFormatter(LogFormatter):
    label = "Sign in"

    def format_message(self, log_entry):
        data = log_entry.data
        how = (
            f"a password and {data['second_factor']}"
            if data.get("second_factor")
            else "a password alone, to enrol a second factor"
        )
        return f"Signed in with {how}{from_address(data)}"


class SignInFailedFormatter(LogFormatter):
    label = "Failed sign-in"

    def format_message(self, log_entry):
        return f"A sign-in was refused{from_address(log_entry.data)}"


class SecondFactorFailedFormatter(LogFormatter):
    label = "Failed second step"

    def format_message(self, log_entry):
        return (
            "The right password, then a wrong code from the app or a wrong backup code"
            f"{from_address(log_entry.data)}"
        )


class LockedOutFormatter(LogFormatter):
    label = "Locked out"

    def format_message(self, log_entry):
        return f"Sign-in locked after repeated failures{from_address(log_entry.data)}"


class SecondFactorResetFormatter(LogFormatter):
    label = "Reset two-factor sign-in"

    def format_message(self, log_entry):
        by = "from the command line" if log_entry.user_id is None else "by an admin"
        return f"Two-factor devices and backup codes removed {by}; enrols again at next sign-in"


def from_address(data):
    return f" from {data['address']}" if data.get("address") else ""


def register_actions(actions):
    """For the register_log_actions hook."""
    actions.register_action(SIGNED_IN)(SignedInFormatter)
    actions.register_action(SIGN_IN_FAILED)(SignInFailedFormatter)
    actions.register_action(SECOND_FACTOR_FAILED)(SecondFactorFailedFormatter)
    actions.register_action(LOCKED_OUT)(LockedOutFormatter)
    actions.register_action(SECOND_FACTOR_RESET)(SecondFactorResetFormatter)
