"""Contributing factors carry the Registry's codes: filled in by migration
for the six it seeded, unique when set, edited in the snippet."""

import importlib

import pytest

from django.apps import apps
from django.core.exceptions import ValidationError

from stories.models import ContributingFactor

pytestmark = pytest.mark.django_db
migration = importlib.import_module("stories.migrations.0016_registry_code_and_case_record")


def test_the_migration_finds_the_six_by_slug_or_by_name():
    ContributingFactor.objects.update(registry_code="")
    ContributingFactor.objects.filter(slug="false-confession").update(slug="confessions")

    migration.fill_codes(apps, None)
    migration.fill_codes(apps, None)  # and changes nothing when run again

    assert ContributingFactor.objects.get(slug="confessions").registry_code == "FC"
    assert ContributingFactor.objects.exclude(registry_code="").count() == 6


def test_a_code_belongs_to_one_factor_and_a_factor_of_our_own_has_none():
    for name in ("Tunnel vision", "Jailhouse informants"):
        ContributingFactor.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    twin = ContributingFactor(name="Eyewitness error", slug="eyewitness", registry_code="MWID")
    with pytest.raises(ValidationError, match="Another factor already has this Registry code"):
        twin.full_clean(exclude=["theme", "description"])


def test_staff_see_and_edit_the_code_in_the_snippet(admin_client):
    factor = ContributingFactor.objects.get(registry_code="OM")
    page = admin_client.get(f"/admin/snippets/stories/contributingfactor/edit/{factor.pk}/")
    assert 'name="registry_code"' in page.content.decode()
    listing = admin_client.get("/admin/snippets/stories/contributingfactor/").content.decode()
    assert "Registry code" in listing
