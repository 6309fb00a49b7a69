"""Staff sign in with a password and a second factor (docs/staff-guide.md).

django-two-factor-auth provides the sign-in, the enrolment of an
authenticator app and the backup codes, at the addresses below under
/admin/; Wagtail's own /admin/login/ only redirects there. The middleware
enforces what the package alone does not: in the admin, a session that has
not passed the second factor reaches nothing but the sign-in and, for staff
with no device yet, the enrolment. Admins reset a colleague's second factor
here too."""

from django_otp import devices_for_user, user_has_device
from two_factor.views import (
    BackupTokensView,
    LoginView,
    ProfileView,
    QRGeneratorView,
    SetupCompleteView,
    SetupView,
)

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views import View

from wagtail.admin import messages
from wagtail.admin.widgets import Button

from . import audit

# What the admin serves to a session that has not passed the second factor:
# the sign-in, signing out, and what the sign-in page loads (its icons and
# its translations for the admin's scripts).
BEFORE_SECOND_FACTOR = (
    "two_factor:login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
)
# ...and, to an account with no device yet, enrolment and its QR code (the
# page that says it worked comes after, when the session is verified).
ENROLMENT = ("two_factor:setup", "two_factor:qr")


# The package's URL names, in its namespace (its views reverse them), at
# addresses under /admin/, which no cache ever keeps. Its profile's "disable"
# is left out: a second factor is not optional here.
class StaffLoginView(LoginView):
    """The package's sign-in, which also logs a wrong second-factor code:
    whoever typed it knew the password."""

    def render(self, form=None, **kwargs):
        second_step = self.steps.current in (self.TOKEN_STEP, self.BACKUP_STEP)
        if second_step and form is not None and form.is_bound and not form.is_valid():
            audit.second_factor_failed(self.request, self.get_user())
        return super().render(form, **kwargs)


urls = (
    [
        path("sign-in/", StaffLoginView.as_view(), name="login"),
        path("two-factor/", ProfileView.as_view(), name="profile"),
        path("two-factor/setup/", SetupView.as_view(), name="setup"),
        path("two-factor/setup/qr-code/", QRGeneratorView.as_view(), name="qr"),
        path("two-factor/setup/done/", SetupCompleteView.as_view(), name="setup_complete"),
        path("two-factor/backup-codes/", BackupTokensView.as_view(), name="backup_tokens"),
    ],
    "two_factor",
)


def wagtail_login(request):
    """Wagtail's /admin/login/, which would let a password alone in: the same
    request, sent to the two-factor sign-in (with where to go next)."""
    query = request.GET.urlencode()
    return HttpResponseRedirect(resolve_url("two_factor:login") + (f"?{query}" if query else ""))


class SecondFactorMiddleware:
    """In the admin, staff signed in with a password alone are sent back to
    the sign-in's second step; those with no device yet, to enrol one. After
    django_otp's OTPMiddleware, which says whether the session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        # Checked first, without looking at the session: the sign-in page's
        # scripts and icons load alongside it.
        if not path.startswith(reverse("wagtailadmin_home")) or path in {
            reverse(name) for name in BEFORE_SECOND_FACTOR
        }:
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and not user.is_verified():
            return self.second_step(request, user) or self.get_response(request)
        return self.get_response(request)

    @staticmethod
    def second_step(request, user):
        """Where this unverified session must go instead, or None if it may
        see this page."""
        if not user_has_device(user):
            if request.path in {reverse(name) for name in ENROLMENT}:
                return None
            # Not on to the page asked for: setup ends on the backup codes.
            return HttpResponseRedirect(reverse("two_factor:setup"))
        # A device, but this session never passed it (signed in before
        # two-factor was required, say): sign in again, with both steps.
        return redirect_to_login(request.get_full_path(), "two_factor:login")


def reset_second_factor(user, *, by=None):
    """Remove every device of `user` (authenticator apps, backup codes, those
    half set up): their next sign-in, after the password, enrols a new one.
    Returns how many; logged, as done `by` an admin or from the command line."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    audit.second_factor_reset(user, by=by, devices=len(devices))
    return len(devices)


class ResetSecondFactorView(View):
    """An admin removes a colleague's authenticator app and backup codes (a
    lost or replaced phone): after a confirmation, as the reset_two_factor
    command does. For those who may edit staff accounts."""

    template_name = "core/signin/reset_second_factor.html"

    def dispatch(self, request, user_id):
        if not request.user.has_perm(f"{get_user_model()._meta.app_label}.change_user"):
            raise PermissionDenied
        self.colleague = get_object_or_404(get_user_model(), pk=user_id)
        return super().dispatch(request, user_id)

    def get(self, request, user_id):
        devices = len(list(devices_for_user(self.colleague)))
        return TemplateResponse(
            request, self.template_name, {"colleague": self.colleague, "devices": devices}
        )

    def post(self, request, user_id):
        devices = list(devices_for_user(self.colleague, confirmed=None))
        for device in devices:
            device.delete()
        audit.second_factor_reset(
            self.colleague, by=audit.acting_user(request), devices=len(devices)
        )
        messages.success(
            request,
            f"Two-factor sign-in reset for {self.colleague.get_username()}: they set up a new "
            "authenticator app the next time they sign in.",
        )
        return redirect("wagtailusers_users:index")


def reset_button(user, request_user):
    """In the staff list's "More" menu, for those who may edit accounts."""
    if request_user.has_perm(f"{get_user_model()._meta.app_label}.change_user"):
        yield Button(
            "Reset two-factor sign-in",
            reverse("reset_second_factor", args=[user.pk]),
            icon_name="key",
            priority=50,
        )
