"""Deleting a page that supporters sent something to: staff are warned what
is kept, and such pages are never deleted in bulk."""

from actions.models import PetitionPage, Signature, SignUpSubmission
from tests.actions.admin.helpers import EMAILS, LIST


def test_deleting_a_signed_petition_warns_first_then_keeps_the_signatures(admin_client, data):
    petition = data["petition"]
    url = f"/admin/pages/{petition.pk}/delete/"

    confirmation = admin_client.get(url).content.decode()

    assert "Supporters sent 3 signatures to this page." in confirmation
    assert f'href="{LIST}?action={petition.pk}"' in confirmation
    assert "They are kept after it is deleted" in confirmation
    assert Signature.objects.filter(action=petition).count() == 3  # nothing happened yet

    assert admin_client.post(url).status_code == 302
    assert not PetitionPage.objects.filter(pk=petition.pk).exists()
    kept = Signature.objects.filter(email__in=EMAILS)
    assert kept.count() == 3
    assert {s.action_title for s in kept} == {petition.title}
    assert {s.petition_title for s in kept} == {f"{petition.title} (deleted)"}


def test_deleting_the_page_above_warns_about_every_action_below_it(admin_client, data):
    index = data["petition"].get_parent()

    confirmation = admin_client.get(f"/admin/pages/{index.pk}/delete/").content.decode()

    assert "3 signatures and 1 sign-up answer to this page or the pages below it" in confirmation
    admin_client.post(f"/admin/pages/{index.pk}/delete/")
    assert Signature.objects.filter(action=None).count() == 3
    assert SignUpSubmission.objects.get().form_title == data["signup"].title


def test_a_signed_petition_is_not_deleted_in_bulk(admin_client, data):
    index = data["petition"].get_parent()
    url = "/admin/bulk/wagtailcore/page/delete/"
    query = f"?id={data['petition'].pk}&next=/admin/pages/{index.pk}/"

    response = admin_client.post(url + query, follow=True)

    assert response.redirect_chain[0] == (f"/admin/pages/{index.pk}/", 302)
    assert "Delete those one at a time" in response.content.decode()
    assert PetitionPage.objects.filter(pk=data["petition"].pk).exists()


def test_a_petition_without_signatures_can_be_deleted(admin_client, data):
    unsigned = data["second"]
    confirmation = admin_client.get(f"/admin/pages/{unsigned.pk}/delete/").content.decode()
    assert "Supporters sent" not in confirmation
    response = admin_client.post(f"/admin/pages/{unsigned.pk}/delete/")
    assert response.status_code == 302
    assert not PetitionPage.objects.filter(pk=unsigned.pk).exists()
