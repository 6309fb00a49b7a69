"""Sign-ins, refused passwords, lockouts, exports and erasures of supporters'
data, and second-factor resets appear in Wagtail's site history for admins,
and for nobody else; no entry holds a password or a supporter's address."""

import json

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.core.management import call_command
from django.test import Client

from wagtail.models import ModelLogEntry, Site

from actions.privacy import supporter_reference
from tests.actions.admin.helpers import supporter_staff
from tests.admin import sign_in
from tests.factories import ActionIndexPageFactory, PetitionPageFactory, SignatureFactory

from .steps import code_for, code_step, password_step, staff_member

pytestmark = pytest.mark.django_db

HISTORY = "/admin/reports/site-history/"
HOME = {"REMOTE_ADDR": "198.51.100.7"}


@pytest.fixture
def petition(home):
    return PetitionPageFactory(parent=ActionIndexPageFactory(parent=home))


def entries(action):
    return list(ModelLogEntry.objects.filter(action=action).order_by("timestamp", "pk"))


def history(user):
    client = Client()
    sign_in(client, user)
    return client.get(HISTORY).content.decode()


def test_a_sign_in_is_logged_with_its_second_factor_and_address(client, django_user_model):
    user = staff_member(django_user_model)
    password_step(client, "editor", **HOME)
    code_step(client, code_for(user), **HOME)

    [entry] = entries("core.staff.sign_in")
    assert (entry.object_id, entry.user) == (str(user.pk), user)
    assert entry.data == {"address": "198.51.100.7", "second_factor": "an authenticator app"}
    assert entry.message == "Signed in with a password and an authenticator app from 198.51.100.7"


def test_a_wrong_code_after_the_right_password_is_logged(client, django_user_model):
    user = staff_member(django_user_model)
    password_step(client, "editor", **HOME)
    code_step(client, "000000" if code_for(user) != "000000" else "111111", **HOME)

    [entry] = entries("core.staff.second_factor_failed")
    assert entry.object_id == str(user.pk) and entry.data == {"address": "198.51.100.7"}
    assert entries("core.staff.sign_in") == []


def test_refused_passwords_and_a_lockout_are_logged_without_what_was_typed(
    client, django_user_model
):
    user = staff_member(django_user_model)
    for _ in range(5):
        password_step(client, "editor", "Hunter2-wrong-password", **HOME)
    password_step(client, "editor-typo-Secret99", "x", **HOME)

    refused = entries("core.staff.sign_in_failed")
    assert [entry.object_id for entry in refused[:5]] == [str(user.pk)] * 5
    unknown = refused[-1]
    assert unknown.content_type.model == "site" and unknown.label == "Unknown username"
    [locked] = entries("core.staff.locked_out")
    assert locked.object_id == str(user.pk) and locked.data == {"address": "198.51.100.7"}
    everything = json.dumps([[e.label, e.data, e.message] for e in ModelLogEntry.objects.all()])
    assert "Hunter2" not in everything and "Secret99" not in everything


def test_exports_and_erasures_are_logged_by_reference_from_the_admin_and_commands(
    client, django_user_model, petition
):
    SignatureFactory(action=petition, email="ada@example.org", first_name="Ada")
    reference = supporter_reference("ada@example.org")
    organiser = supporter_staff(django_user_model)
    sign_in(client, organiser)

    client.get("/admin/signatures/?export=csv")
    call_command("export_supporter", "ada@example.org")
    call_command("erase_supporter", "ada@example.org", "--yes")

    [listed] = entries("actions.supporter_data.list_export")
    assert listed.user == organiser
    assert listed.data == {"list": "signatures", "format": "csv", "rows": 1}
    [exported] = entries("actions.supporter_data.export")
    [erased] = entries("actions.supporter_data.erase")
    for entry in (exported, erased):
        assert entry.user is None and entry.content_type.model == "site"
        assert entry.label == f"Supporter {reference}"
        assert entry.message.endswith("from the command line")
    assert erased.data == {"supporter": reference, "signatures": 1, "submissions": 0}
    everything = json.dumps([[e.label, e.data, e.message] for e in ModelLogEntry.objects.all()])
    assert "ada" not in everything.lower()


def test_admins_see_the_log_in_the_site_history_and_editors_do_not(
    client, django_user_model, admin_user
):
    staff_member(django_user_model)
    password_step(client, "editor", "wrong-password-here", **HOME)
    call_command("export_supporter", "ada@example.org")

    seen_by_admin = history(admin_user)
    seen_by_editor = history(django_user_model.objects.get(username="editor"))

    for label in ["Sign in", "Failed sign-in", "A sign-in was refused", "Export supporter data"]:
        assert label in seen_by_admin, label
        assert label not in seen_by_editor, label


def test_an_admin_resets_a_colleagues_second_factor_and_an_editor_cannot(
    client, django_user_model, admin_user
):
    colleague = staff_member(django_user_model, "moderator")
    editor = staff_member(django_user_model)
    url = f"/admin/two-factor/reset/{colleague.pk}/"
    sign_in(client, editor)
    assert client.post(url).url == "/admin/"  # Wagtail's answer to a refused permission
    assert TOTPDevice.objects.filter(user=colleague).exists()
    sign_in(client, admin_user)
    assert url in client.get("/admin/users/").content.decode()

    assert "1 device" in client.get(url).content.decode()
    response = client.post(url)

    assert response.url == "/admin/users/"
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    [entry] = entries("core.staff.second_factor_reset")
    assert (entry.object_id, entry.user) == (str(colleague.pk), admin_user)


def test_the_command_resets_a_second_factor(django_user_model, capsys):
    colleague = staff_member(django_user_model, "moderator")

    call_command("reset_two_factor", "moderator")

    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert "Removed 1 device(s) from moderator" in capsys.readouterr().out
    [entry] = entries("core.staff.second_factor_reset")
    assert entry.user is None and "from the command line" in entry.message
    assert Site.objects.exists()
