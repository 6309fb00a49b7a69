"""Supporters' data is seen only with `actions.view_supporter_data`: others
are refused every screen and see counts, never a name or an address."""

from django.contrib.auth.models import Group

from wagtail.models import ModelLogEntry

from actions.models import SignUpSubmission
from tests.actions.admin.helpers import ANSWERS, ERASE, EXPORT, LIST, PRIVACY, shows_no_email
from tests.factories import SignatureFactory


def test_visitors_are_sent_to_log_in(client, data):
    for url in [LIST, PRIVACY]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/sign-in/" in response.url


def test_an_editor_is_refused_every_supporter_data_view(editor_client, data):
    ada = data["ada"]
    gets = [
        LIST,
        LIST + "results/",
        LIST + "?export=csv",
        LIST + "?export=xlsx",
        f"{LIST}inspect/{ada.pk}/",
        PRIVACY,
        f"/admin/forms/submissions/{data['signup'].pk}/",
        ANSWERS,
        f"{ANSWERS}inspect/{data['submission'].pk}/",
    ]
    for url in gets:
        response = editor_client.get(url)
        assert response.status_code == 302, url
        assert response.url == "/admin/", url
        assert shows_no_email(response), url
    for url in [PRIVACY, EXPORT, ERASE]:
        response = editor_client.post(url, {"email": ada.email, "confirmed": "yes"})
        assert response.status_code == 302, url
        assert shows_no_email(response), url

    ada.refresh_from_db()
    assert ada.email == "ada@example.org"
    assert SignUpSubmission.objects.filter(pk=data["submission"].pk).exists()
    assert not ModelLogEntry.objects.filter(action__startswith="actions.").exists()


def test_an_editor_sees_counts_but_never_an_email_or_name(editor_client, data):
    pages = [
        "/admin/",
        f"/admin/pages/{data['petition'].pk}/edit/",
        f"/admin/pages/{data['signup'].pk}/edit/",
        "/admin/forms/",
    ]
    for url in pages:
        response = editor_client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert shows_no_email(response), url
        assert "Lovelace" not in html and "Hopper" not in html, url

    dashboard = editor_client.get("/admin/").content.decode()
    assert "3 signatures (2 in the last 7 days)" in dashboard
    assert "Supporter data requests" not in dashboard  # the menu
    assert LIST not in dashboard


def test_the_permission_is_granted_in_the_group_editor(admin_client, db):
    editors = Group.objects.get(name="Editors")
    html = admin_client.get(f"/admin/groups/edit/{editors.pk}/").content.decode()
    assert "Can see supporters’ names, emails and submissions" in html


def test_form_submissions_need_the_supporter_data_permission(staff, data):
    response = staff.get(f"/admin/forms/submissions/{data['signup'].pk}/")
    assert response.status_code == 200
    assert "ada@example.org" in response.content.decode()


def test_what_supporters_typed_is_escaped_in_the_admin(staff, data):
    signature = SignatureFactory(
        action=data["petition"], first_name="<script>alert(1)</script>", comment="<b>hi</b>"
    )
    for url in (LIST, f"{LIST}inspect/{signature.pk}/"):
        html = staff.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
