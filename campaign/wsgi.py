"""WSGI entry point for gunicorn (see gunicorn.conf.py and the Procfile)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.production")

django_application = get_wsgi_application()

from core.finished import PageCacheApplication  # noqa: E402 (needs the settings)

# Pages in the shared cache are answered before Django handles the request.
application = PageCacheApplication(django_application)
