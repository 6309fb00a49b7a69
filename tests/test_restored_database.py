"""check_restored_database, on the test database: a sound database passes, a
missing signature, a reference to nothing or a missing constraint fails with
a message naming it. tests/deploy/test_backups.py runs it on a real
pg_dump and pg_restore."""

import json
from io import StringIO

import pytest

from django.core.management import CommandError, call_command
from django.db import connection

from actions.models import Signature
from tests.factories import SignatureFactory


def run(*args):
    out = StringIO()
    try:
        call_command("check_restored_database", *args, stdout=out)
    except CommandError as error:
        return False, out.getvalue() + str(error)
    return True, out.getvalue()


@pytest.fixture
def signed(petition):
    return SignatureFactory.create_batch(3, action=petition)


@pytest.fixture
def summary_file(signed, tmp_path):
    out = StringIO()
    call_command("check_restored_database", "--summary", stdout=out)
    path = tmp_path / "summary.json"
    path.write_text(out.getvalue())
    return path


@pytest.fixture
def petition(home):
    from tests.factories import ActionIndexPageFactory, PetitionPageFactory

    return PetitionPageFactory(parent=ActionIndexPageFactory(parent=home))


def test_the_summary_counts_and_lists_the_latest_signatures_without_anyone_named(
    summary_file, signed
):
    summary = json.loads(summary_file.read_text())
    assert summary["counts"]["signatures"] == 3
    assert summary["counts"]["pages"] == 4
    assert [row["id"] for row in summary["latest_signatures"]] == [s.pk for s in signed][::-1]
    assert signed[0].email not in summary_file.read_text()


def test_a_sound_database_passes_against_its_own_summary(summary_file):
    passed, output = run("--against", str(summary_file))
    assert passed, output
    assert "FAIL" not in output
    assert "ok   nothing in the source's summary is missing" in output
    assert "3 signatures" in output


def test_a_missing_latest_signature_fails_and_is_named(summary_file, signed):
    latest = signed[-1]
    Signature.objects.filter(pk=latest.pk).delete()
    passed, output = run("--against", str(summary_file))
    assert not passed
    assert "FAIL nothing in the source's summary is missing" in output
    assert "signatures: 2 here, 3 in the source's summary" in output
    assert f"signature {latest.pk} (signed {latest.created_at.isoformat()}) is missing" in output
    assert "don't point the site at it yet" in output


def test_the_latest_signature_can_be_expected_after_a_time(signed):
    latest = Signature.objects.order_by("-created_at").first().created_at
    assert run("--expect-latest-signature-after", latest.isoformat())[0]
    passed, output = run("--expect-latest-signature-after", "2999-01-01T00:00:00")
    assert not passed
    assert "FAIL the latest signature is recent enough" in output


def test_a_reference_to_nothing_fails(signed):
    # Foreign keys are checked at commit, so the test's transaction can hold
    # a row a restore without its constraint would let in.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE actions_signature SET consent_id = 999999 WHERE id = %s", [signed[0].pk]
        )
    passed, output = run()
    assert not passed
    assert "FAIL every reference points at a row" in output
    assert "1 row(s) of actions_signature.consent_id" in output
    Signature.objects.filter(pk=signed[0].pk).delete()


def test_a_missing_constraint_fails(db):
    # An expression's unique constraint is a unique index on both databases.
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX one_signature_per_email_per_campaign")
    passed, output = run()
    assert not passed
    assert "constraint one_signature_per_email_per_campaign on actions_signature" in output
