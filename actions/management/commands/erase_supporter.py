from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from actions.privacy import erase_supporter, normalise_email, signatures_for, submissions_for


class Command(BaseCommand):
    help = (
        "Erase one supporter's data everywhere: their signatures are anonymised (so petition "
        "counts stay true) and their sign-up form submissions are deleted. Asks first."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The supporter's address; letter case doesn't matter.")
        parser.add_argument("--yes", action="store_true", help="Don't ask for confirmation.")

    def handle(self, *args, email, yes, **options):
        try:
            email = normalise_email(email)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        signatures = signatures_for(email).count()
        submissions = len(submissions_for(email))
        if not signatures and not submissions:
            self.stdout.write(f"Nothing is held about {email}.")
            return
        if not yes:
            self.stdout.write(
                f"{email}: {signatures} signature(s) to anonymise, "
                f"{submissions} form submission(s) to delete. This can't be undone."
            )
            if input("Type “yes” to erase: ").strip().lower() != "yes":
                raise CommandError("Nothing was erased.")
        counts = erase_supporter(email)
        self.stdout.write(
            self.style.SUCCESS(
                f"Erased {email}: {counts['signatures']} signature(s) anonymised, "
                f"{counts['submissions']} form submission(s) deleted."
            )
        )
