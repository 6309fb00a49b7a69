from django.conf import settings
from django.core.management import get_commands, load_command_class

from .load_demo_content import DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME

# The runserver the project would use (whitenoise's, which wraps Django's).
Runserver = type(load_command_class(get_commands()["runserver"], "runserver"))


class Command(Runserver):
    help = (
        "runserver for bin/run: once it listens, it says where the site, the admin "
        "and (with DEBUG on) the local login are, as the last lines on the screen."
    )

    def on_bind(self, server_port):
        host = f"[{self.addr}]" if self._raw_ipv6 else self.addr
        address = f"{self.protocol}://{host}:{server_port}"
        lines = [
            "",
            self.style.SUCCESS("The site is running."),
            f"  Site:   {address}/",
            f"  Admin:  {address}/admin/",
        ]
        if settings.DEBUG:
            lines.append(
                f"  Login:  {DEV_ADMIN_USERNAME} / {DEV_ADMIN_PASSWORD}  (this machine only)"
            )
        lines.append("Stop it with Ctrl-C.")
        self.stdout.write("\n".join(lines))
