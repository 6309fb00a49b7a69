"""Supporters' rights: everything held about an address, erased everywhere on
request, and signatures anonymised once kept past the retention period."""

import datetime
import io
import json

import pytest

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from actions import privacy
from actions.models import ConsentStatement, Signature, SignUpSubmission
from tests.factories import (
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    SignUpPageFactory,
    StoryIndexPageFactory,
)

pytestmark = pytest.mark.django_db

ADA = "ada@example.org"


@pytest.fixture
def held(home, action_index, petition):
    """Ada signed two petitions (one from a story) and sent a sign-up form;
    others signed too, one of them with an address that contains hers."""
    story = ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    second = PetitionPageFactory(parent=action_index)
    signup = SignUpPageFactory(parent=action_index)
    return {
        "petitions": [petition, second],
        "signup": signup,
        "ada": [
            SignatureFactory(
                action=petition,
                first_name="Ada",
                last_name="Lovelace",
                email=ADA,
                postcode="SW1A 1AA",
                comment="For my neighbour.",
                opt_in=True,
                source_page=story,
                source_platform="bluesky",
            ),
            SignatureFactory(action=second, first_name="Ada", email="Ada@Example.ORG"),
        ],
        "others": [
            SignatureFactory(action=petition, email="joann.ada@example.org"),
            SignatureFactory(action=second, email="pip@example.org"),
        ],
        "submission": SignUpSubmission.objects.create(
            page=signup, form_data={"name": "Ada", "email": " ADA@example.org ", "hours": "4"}
        ),
        "other_submissions": [
            SignUpSubmission.objects.create(
                page=signup, form_data={"name": "Jo", "email": "jo" + ADA, "note": ADA + ".uk"}
            ),
            SignUpSubmission.objects.create(page=signup, form_data={"name": "Pip", "email": ""}),
        ],
        "story": story,
    }


def test_supporter_data_holds_everything_for_the_address_in_any_case(held):
    data = privacy.supporter_data("  ADA@example.Org ")

    json.dumps(data)  # ready to send as it is
    assert data["email"] == "ADA@example.Org"
    assert [s["action"]["id"] for s in data["signatures"]] == [p.pk for p in held["petitions"]]
    first = data["signatures"][0]
    assert (first["first_name"], first["last_name"], first["postcode"]) == (
        "Ada",
        "Lovelace",
        "SW1A 1AA",
    )
    assert first["comment"] == "For my neighbour."
    assert first["wants_updates"] is True
    assert first["language"] == "en"
    consent = ConsentStatement.current()
    assert first["consent"] == {
        "version": consent.version,
        "language": "en",
        "text": consent.text,
        "agreed_at": held["ada"][0].created_at.isoformat(),
    }
    assert first["came_from"]["title"] == held["story"].title
    assert data["signatures"][1]["came_from"] is None
    assert first["came_by_a_link_shared_on"] == "bluesky"
    assert data["signatures"][1]["came_by_a_link_shared_on"] == ""
    assert [s["answers"] for s in data["form_submissions"]] == [held["submission"].form_data]
    assert data["form_submissions"][0]["form"]["id"] == held["signup"].pk
    assert data["form_submissions"][0]["language"] == "en"


def test_an_address_in_longer_text_is_found_but_not_one_it_is_part_of(held):
    mentioned = SignUpSubmission.objects.create(
        page=held["signup"], form_data={"message": f"Please write to me at {ADA}.", "days": []}
    )
    listed = SignUpSubmission.objects.create(
        page=held["signup"], form_data={"emails": ["pip@example.org", ADA.upper()]}
    )

    found = privacy.submissions_for(ADA)

    assert {s.pk for s in found} == {held["submission"].pk, mentioned.pk, listed.pk}


@pytest.mark.parametrize("email", ["", "ada", "ada@", "ada example.org"])
def test_an_invalid_address_is_refused_with_a_message(email):
    with pytest.raises(ValidationError) as error:
        privacy.supporter_data(email)
    assert "is not a valid email address" in error.value.messages[0]


def test_erasing_anonymises_every_signature_keeps_counts_and_deletes_submissions(held):
    counts_before = [p.signature_count() for p in held["petitions"]]

    result = privacy.erase_supporter("ADA@EXAMPLE.ORG ")

    assert result == {"signatures": 2, "submissions": 1}
    assert [p.signature_count() for p in held["petitions"]] == counts_before
    for signature in held["ada"]:
        signature.refresh_from_db()
        assert (signature.first_name, signature.last_name, signature.email) == ("", "", None)
        assert (signature.postcode, signature.comment, signature.opt_in) == ("", "", False)
        assert signature.anonymised_at is not None
        # What is not personal stays: the consent given, when, and from where.
        assert signature.consent_id == ConsentStatement.current().pk
    assert held["ada"][0].source_page_id == held["story"].pk
    assert not SignUpSubmission.objects.filter(pk=held["submission"].pk).exists()
    for other in held["others"]:
        other.refresh_from_db()
        assert other.email and other.anonymised_at is None
    assert SignUpSubmission.objects.count() == len(held["other_submissions"])
    assert privacy.supporter_data(ADA)["signatures"] == []


def test_erasing_again_changes_nothing(held):
    privacy.erase_supporter(ADA)
    erased_at = Signature.objects.get(pk=held["ada"][0].pk).anonymised_at

    assert privacy.erase_supporter(ADA) == {"signatures": 0, "submissions": 0}
    assert Signature.objects.get(pk=held["ada"][0].pk).anonymised_at == erased_at


def test_erasing_is_all_or_nothing(held, monkeypatch):
    def fail(email):
        raise RuntimeError("database went away")

    monkeypatch.setattr(privacy, "submissions_for", fail)
    with pytest.raises(RuntimeError):
        privacy.erase_supporter(ADA)

    assert Signature.objects.filter(email__iexact=ADA).count() == 2


@pytest.fixture
def ages(action_index, settings):
    """Signatures old and recent, on open, past-deadline and unpublished petitions."""
    settings.SUPPORTER_DATA_RETENTION_DAYS = 30
    now = timezone.now()
    old, recent = now - datetime.timedelta(days=31), now - datetime.timedelta(days=29)
    open_ = PetitionPageFactory(parent=action_index)
    ended = PetitionPageFactory(parent=action_index, deadline=now - datetime.timedelta(days=1))
    unpublished = PetitionPageFactory(parent=action_index)
    unpublished.unpublish()
    deleted = PetitionPageFactory(parent=action_index)
    expired = [
        SignatureFactory(action=ended, created_at=old),
        SignatureFactory(action=unpublished, created_at=old),
        SignatureFactory(action=deleted, created_at=old),
    ]
    kept = [
        SignatureFactory(action=open_, created_at=old),
        SignatureFactory(action=ended, created_at=recent),
        SignatureFactory(action=unpublished, created_at=recent),
        SignatureFactory(action=deleted, created_at=recent),
    ]
    deleted.delete()
    return {
        "now": now,
        "expired": expired,
        "kept": kept,
        "already": SignatureFactory(
            action=ended, created_at=old, email=None, first_name="", anonymised_at=old
        ),
    }


def test_anonymise_expired_touches_only_old_signatures_on_closed_petitions(ages):
    assert privacy.anonymise_expired(now=ages["now"]) == 3

    for signature in ages["expired"]:
        signature.refresh_from_db()
        assert signature.email is None and signature.anonymised_at == ages["now"]
    for signature in ages["kept"]:
        signature.refresh_from_db()
        assert signature.email and signature.anonymised_at is None
    ages["already"].refresh_from_db()
    assert ages["already"].anonymised_at < ages["now"]
    assert privacy.anonymise_expired(now=ages["now"]) == 0


def run(command, *args):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_export_supporter_prints_the_json(held):
    out, _ = run("export_supporter", "Ada@Example.org")

    data = json.loads(out)
    assert len(data["signatures"]) == 2
    assert len(data["form_submissions"]) == 1


def test_export_supporter_writes_a_file(held, tmp_path):
    target = tmp_path / "ada.json"

    out, err = run("export_supporter", ADA, "--output", str(target))

    assert out == ""
    assert "2 signatures and 1 form submissions" in err
    assert json.loads(target.read_text(encoding="utf-8"))["email"] == ADA


def test_commands_refuse_an_invalid_address(held):
    for command in ["export_supporter", "erase_supporter"]:
        with pytest.raises(CommandError, match="not a valid email address"):
            run(command, "ada.example.org")


def test_erase_supporter_asks_first_and_stops_without_a_yes(held, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="Nothing was erased"):
        run("erase_supporter", ADA)

    assert Signature.objects.filter(email__iexact=ADA).count() == 2


def test_erase_supporter_erases_after_a_yes_and_says_what_changed(held, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")

    out, _ = run("erase_supporter", ADA)

    assert "2 signatures to anonymise, 1 form submission to delete" in out
    assert "2 signatures anonymised, 1 form submission deleted" in out
    assert not Signature.objects.filter(email__iexact=ADA).exists()


def test_erase_supporter_with_yes_does_not_ask_and_says_when_nothing_is_held(held, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("asked"))

    out, _ = run("erase_supporter", ADA, "--yes")
    assert "2 signatures anonymised" in out

    out, _ = run("erase_supporter", ADA, "--yes")
    assert out.strip() == f"Nothing is held about {ADA}."


def test_anonymise_expired_signatures_command_counts_and_can_only_say(ages):
    out, _ = run("anonymise_expired_signatures", "--dry-run")
    assert "3 signature(s) on closed petitions older than 30 days would be anonymised" in out
    assert Signature.objects.filter(anonymised_at__isnull=True).count() == 7

    out, _ = run("anonymise_expired_signatures")
    assert "Anonymised 3 signature(s)" in out
    assert Signature.objects.filter(anonymised_at__isnull=True).count() == 4
