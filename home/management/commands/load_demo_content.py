from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import build_site

# Only ever created when DEBUG is on, on a developer's own machine.
DEV_ADMIN_USERNAME = "admin"
DEV_ADMIN_PASSWORD = "campaign-dev-admin"  # noqa: S105 (a documented local-only login)


class Command(BaseCommand):
    help = (
        "Fill the site with demo content. Safe to run again: it only creates or "
        "updates what differs. With DEBUG on it also creates a local admin account."
    )

    def handle(self, *args, **options):
        changes = []

        def log(message):
            changes.append(message)
            self.stdout.write(f"  {message}")

        with transaction.atomic():
            build_site(log)

        if not changes:
            self.stdout.write("Demo content is already in place; nothing changed.")
        if settings.DEBUG:
            self.ensure_dev_admin()

    def ensure_dev_admin(self):
        User = get_user_model()
        if not User.objects.filter(username=DEV_ADMIN_USERNAME).exists():
            User.objects.create_superuser(DEV_ADMIN_USERNAME, "admin@localhost", DEV_ADMIN_PASSWORD)
            self.stdout.write("  Created a local admin account.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/ — username {DEV_ADMIN_USERNAME}, "
                f"password {DEV_ADMIN_PASSWORD} (this machine only)"
            )
        )
