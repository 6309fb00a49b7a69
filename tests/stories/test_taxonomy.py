import pytest

from django.contrib.auth.models import Group, Permission
from django.core import checks
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data

from home.models import HomePage
from stories.checks import check_every_factor_has_a_theme
from stories.models import ContributingFactor
from tests.admin import sign_in
from tests.factories import ContributingFactorFactory, ThemePageFactory

pytestmark = pytest.mark.django_db

REGISTRY_FACTORS = {
    "mistaken-witness-identification",
    "false-confession",
    "perjury-or-false-accusation",
    "false-or-misleading-forensic-evidence",
    "official-misconduct",
    "inadequate-legal-defense",
}


@pytest.fixture
def staff(client, django_user_model):
    """A campaign worker who may edit factors, not a superuser."""
    user = django_user_model.objects.create_user("campaigner", password="pw")
    group = Group.objects.get(name="Editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="stories", codename__endswith="factor"),
    )
    user.groups.add(group)
    sign_in(client, user)
    return client


def test_a_new_site_starts_with_the_registrys_six_factors():
    assert set(ContributingFactor.objects.values_list("slug", flat=True)) == REGISTRY_FACTORS
    assert all(factor.description for factor in ContributingFactor.objects.all())


def test_staff_map_a_factor_to_a_theme_in_the_admin(staff):
    theme = ThemePageFactory(parent=HomePage.objects.get(), title="The Evidence")
    factor = ContributingFactor.objects.get(slug="false-or-misleading-forensic-evidence")

    response = staff.post(
        reverse("wagtailsnippets_stories_contributingfactor:edit", args=[factor.pk]),
        nested_form_data(
            {
                "name": factor.name,
                "slug": factor.slug,
                "description": factor.description,
                "theme": theme.pk,
            }
        ),
    )

    assert response.status_code == 302
    factor.refresh_from_db()
    assert factor.theme == theme
    assert list(theme.factors.all()) == [factor]


def test_staff_add_a_factor_without_a_developer(staff):
    theme = ThemePageFactory(parent=HomePage.objects.get(), title="The Prosecution")
    response = staff.post(
        reverse("wagtailsnippets_stories_contributingfactor:add"),
        {
            "name": "Jailhouse informant",
            "slug": "jailhouse-informant",
            "description": "A fellow prisoner claimed to have heard a confession.",
            "theme": theme.pk,
        },
    )

    assert response.status_code == 302
    assert ContributingFactor.objects.get(slug="jailhouse-informant").theme == theme


def test_a_factor_without_a_theme_is_refused_on_the_field(staff):
    ThemePageFactory(parent=HomePage.objects.get(), title="The Prosecution")
    response = staff.post(
        reverse("wagtailsnippets_stories_contributingfactor:add"),
        {"name": "Jailhouse informant", "slug": "informant", "description": "x", "theme": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"theme": ["This field is required."]}
    assert not ContributingFactor.objects.filter(slug="informant").exists()


def test_the_deploy_check_names_each_factor_without_a_theme():
    # A new site: its seeded factors have no theme explainer to map to yet.
    assert check_every_factor_has_a_theme(None, databases=["default"]) == []

    theme = ThemePageFactory(parent=HomePage.objects.get(), title="The Prosecution")
    ContributingFactor.objects.exclude(slug="false-confession").update(theme=theme)

    [warning] = check_every_factor_has_a_theme(None, databases=["default"])
    assert warning.id == "stories.W001"
    # Staff fix it in the admin; it must not hold back a release of the code.
    assert not warning.is_serious()
    assert warning.obj == ContributingFactor.objects.get(slug="false-confession")
    assert "“False confession” belongs to no theme explainer" in warning.msg
    assert "Contributing factors" in warning.hint
    # It runs with `check --deploy --database default`, which every release
    # runs first, and never without a database to read.
    deploy = checks.run_checks(include_deployment_checks=True, databases=["default"])
    assert "stories.W001" in {issue.id for issue in deploy}
    assert check_every_factor_has_a_theme(None) == []

    ContributingFactor.objects.update(theme=theme)
    assert check_every_factor_has_a_theme(None, databases=["default"]) == []


def test_a_duplicate_name_is_refused_with_a_message_and_changes_nothing(staff):
    response = staff.post(
        reverse("wagtailsnippets_stories_contributingfactor:add"),
        {"name": "False confession", "slug": "another", "description": "x", "theme": ""},
    )

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert ContributingFactor.objects.count() == len(REGISTRY_FACTORS)


def test_deleting_a_theme_leaves_its_factors_unmapped():
    theme = ThemePageFactory(parent=HomePage.objects.get())
    factor = ContributingFactorFactory(theme=theme)

    theme.delete()

    factor.refresh_from_db()
    assert factor.theme is None
