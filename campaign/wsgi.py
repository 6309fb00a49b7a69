"""WSGI entry point for gunicorn (see gunicorn.conf.py and the Procfile)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.production")

django_application = get_wsgi_application()

from actions.wsgi import EnvelopeApplication  # noqa: E402 (needs the settings)
from core.finished import PageCacheApplication  # noqa: E402

# Pages in the shared cache, and the edge's requests for form stamps, are
# answered before Django handles the request.
application = PageCacheApplication(EnvelopeApplication(django_application))
