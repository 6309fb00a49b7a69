from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.signin import reset_second_factor


class Command(BaseCommand):
    help = (
        "Remove a staff member's authenticator app and backup codes, for a lost or replaced "
        "phone: at their next sign-in, after their password, they set up a new one. "
        "Recorded in the admin's site history."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The staff member's username in the admin.")

    def handle(self, *args, username, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No account has the username “{username}”.")
        devices = reset_second_factor(user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed {devices} device(s) from {username}: at the next sign-in, "
                "after the password, they set up a new authenticator app."
            )
        )
