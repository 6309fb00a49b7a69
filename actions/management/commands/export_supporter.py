from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from actions.privacy import EXPORTED, as_json, record, supporter_data, supporter_reference


class Command(BaseCommand):
    help = (
        "Print, as JSON, everything held about one supporter's email address: signatures "
        "with the consent they gave, and sign-up form submissions. For a subject access request. "
        "Recorded in the admin's site history, without the address."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The supporter's address; letter case doesn't matter.")
        parser.add_argument("--output", metavar="FILE", help="Write to FILE instead of stdout.")

    def handle(self, *args, email, output, **options):
        try:
            data = supporter_data(email)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        text = as_json(data)
        record(
            EXPORTED,
            supporter_reference(email),
            signatures=len(data["signatures"]),
            submissions=len(data["form_submissions"]),
        )
        if not output:
            self.stdout.write(text)
            return
        try:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
        except OSError as error:
            raise CommandError(f"Can’t write {output}: {error.strerror or error}.") from None
        self.stderr.write(
            f"Wrote {len(data['signatures'])} signatures and {len(data['form_submissions'])} "
            f"form submissions to {output}."
        )
