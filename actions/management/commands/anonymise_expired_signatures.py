from django.conf import settings
from django.core.management.base import BaseCommand

from actions.privacy import anonymise_expired, expired_signatures


class Command(BaseCommand):
    help = (
        "Anonymise signatures on closed petitions (deadline passed, unpublished or deleted) "
        "that are older than SUPPORTER_DATA_RETENTION_DAYS. Run it daily, e.g. from the scheduler."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many, without changing anything."
        )

    def handle(self, *args, dry_run, **options):
        days = settings.SUPPORTER_DATA_RETENTION_DAYS
        if dry_run:
            count = expired_signatures().count()
            self.stdout.write(
                f"{count} signature(s) on closed petitions older than {days} days would be "
                "anonymised."
            )
            return
        count = anonymise_expired()
        self.stdout.write(
            self.style.SUCCESS(
                f"Anonymised {count} signature(s) on closed petitions older than {days} days."
            )
        )
