from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from actions.privacy import (
    ERASED,
    describe_erasure,
    erase_supporter,
    held_counts,
    normalise_email,
    record,
    supporter_reference,
)


class Command(BaseCommand):
    help = (
        "Erase one supporter's data everywhere: their signatures are anonymised (so petition "
        "counts stay true) and their sign-up form submissions are deleted. Asks first. "
        "Recorded in the admin's site history, without the address."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The supporter's address; letter case doesn't matter.")
        parser.add_argument("--yes", action="store_true", help="Don't ask for confirmation.")

    def handle(self, *args, email, yes, **options):
        try:
            email = normalise_email(email)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        held = held_counts(email)
        if not any(held.values()):
            self.stdout.write(f"Nothing is held about {email}.")
            return
        if not yes:
            self.stdout.write(
                f"{email}: {describe_erasure(held, done=False)}. This can't be undone."
            )
            if input("Type “yes” to erase: ").strip().lower() != "yes":
                raise CommandError("Nothing was erased.")
        counts = erase_supporter(email)
        record(ERASED, supporter_reference(email), **counts)
        self.stdout.write(self.style.SUCCESS(f"Erased {email}: {describe_erasure(counts)}."))
