"""WSGI entry point for gunicorn (see gunicorn.conf.py and the Procfile)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.production")

django_application = get_wsgi_application()

from actions.wsgi import EnvelopeApplication  # noqa: E402 (needs the settings)
from core.finished import PageCacheApplication  # noqa: E402
from impact.endpoint import ViewCounterApplication  # noqa: E402

# Page views, pages in the shared cache, and the edge's requests for form
# stamps are answered before Django handles the request; the view counter
# first, since it is asked once for every page served, cached or not.
application = ViewCounterApplication(PageCacheApplication(EnvelopeApplication(django_application)))
