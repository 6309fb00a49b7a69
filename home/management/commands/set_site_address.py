from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site


class Command(BaseCommand):
    help = (
        "Point the default site at the address it is served from, e.g. "
        "http://127.0.0.1:8000, so that its full links (canonical, social cards, "
        "sitemap, feed, open data, emails) lead back to it."
    )

    def add_arguments(self, parser):
        parser.add_argument("address", help="The site's address: http://host or http://host:port")

    def handle(self, *args, address, **options):
        parts = urlsplit(address)
        try:
            port = parts.port
        except ValueError as error:
            raise CommandError(f"“{address}” has no valid port number.") from error
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/"):
            raise CommandError(f"“{address}” is not an address such as http://127.0.0.1:8000")
        # Wagtail builds links as http://host:port, https only on port 443.
        port = port or (443 if parts.scheme == "https" else 80)

        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet: run load_demo_content first.")
        if (site.hostname, site.port) == (parts.hostname, port):
            self.stdout.write(f"The site is already at {site.root_url}.")
            return
        site.hostname, site.port = parts.hostname, port
        site.save(update_fields=["hostname", "port"])
        self.stdout.write(f"The site is now at {site.root_url}.")
