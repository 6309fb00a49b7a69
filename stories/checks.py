"""Checks that the campaign's content is complete enough to go live."""

from django.core import checks
from django.db import DatabaseError

from .models import ContributingFactor, ThemePage


@checks.register(checks.Tags.database, deploy=True)
def check_every_factor_has_a_theme(app_configs, databases=None, **kwargs):
    """Every contributing factor leads readers to a theme explainer: a factor
    without one files its stories under no theme, and its links go nowhere.

    A deploy check on the database (`manage.py check --deploy --database
    default`, which every release runs first), and a warning, not an error:
    it reads content that staff fix in the admin, which must never hold back
    a release of the code. Quiet until the site has a theme explainer, since a
    new site's factors (seeded by a migration) have nothing to map to yet.
    """
    if not databases or "default" not in databases:
        return []
    try:
        if not ThemePage.objects.exists():
            return []
        unmapped = list(ContributingFactor.objects.filter(theme__isnull=True))
    except DatabaseError:
        return []  # no tables yet: a database before its first migrate
    return [
        checks.Warning(
            f"The contributing factor “{factor.name}” belongs to no theme explainer, "
            "so its stories appear on none.",
            hint="In the admin, open Contributing factors, edit it and choose the nearest "
            "theme (for example The Prosecution for a false confession or an inadequate "
            "legal defense).",
            obj=factor,
            id="stories.W001",
        )
        for factor in unmapped
    ]
