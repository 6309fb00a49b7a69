import json
import secrets

import pytest

from .servers import HOST, empty_redis, manage, postgres_database, production_environ

EDITOR = "editor"

# Run in the released site with `manage.py shell`: point the default site at
# the public address (so that publishing purges the host visitors use), make
# an editor with an authenticator app and backup codes (each sign-in uses one
# of those, since an app's code works only once in its 30 seconds), and save
# a draft of two stories, renamed, for the tests to publish through the admin.
# Prints the addresses the tests visit, and a contributing factor (a snippet)
# that the second story shows.
BUILD = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import Site
from actions.models import PetitionPage
from home.models import HomePage
from stories.models import ExonereeStoryPage, StoryIndexPage

site = Site.objects.get(is_default_site=True)
site.hostname, site.port = %(host)r, 443
site.save()
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
editor = get_user_model().objects.create_superuser(%(editor)r, "editor@example.org", %(password)r)
TOTPDevice.objects.create(user=editor, name="default")
backup = StaticDevice.objects.create(user=editor, name="backup")
for code in %(codes)r:
    backup.token_set.create(token=code)
drafts = {}
stories = ExonereeStoryPage.objects.live().filter(locale__language_code="en").order_by("path")
factor = stories[1].factors.first()
for name, story in zip(["edge", "processes"], stories):
    old = story.title
    story.title = story.person_name = f"Renamed for {name}"
    story.save_revision()
    drafts[name] = {"id": story.pk, "url": story.url, "old": old, "new": story.title,
                    "state": story.jurisdiction}
print(json.dumps({
    "home": HomePage.objects.live().get(locale__language_code="en").url,
    "index": StoryIndexPage.objects.live().filter(locale__language_code="en").first().url,
    "petition": PetitionPage.objects.live().filter(locale__language_code="en").first().url,
    "drafts": drafts,
    "factor": {"id": factor.pk, "name": factor.name, "shown_on": drafts["processes"]["url"]},
}))
"""


@pytest.fixture(scope="session")
def demo_site(demo_database):
    """A released site on PostgreSQL with the demo content, an editor and two
    stories with a draft waiting, shared by the edge, processes and imports
    tests (each publishes its own story). Yields the environment and the
    addresses."""
    with postgres_database("demo", template=demo_database) as database_url:
        password = secrets.token_urlsafe(16)
        codes = [secrets.token_hex(4) for _ in range(10)]
        environ = production_environ(database_url, REDIS_URL=empty_redis())
        # The demo's portraits are in the media folder: no bucket to set up.
        del environ["AWS_STORAGE_BUCKET_NAME"]
        script = BUILD % {"host": HOST, "editor": EDITOR, "password": password, "codes": codes}
        output = manage(environ, "shell", "--no-imports", "-c", script)
        site = json.loads(output.strip().splitlines()[-1])
        # Building cached what the tests must see built: start from nothing.
        empty_redis()
        yield {"environ": environ, "password": password, "backup_codes": codes, **site}
