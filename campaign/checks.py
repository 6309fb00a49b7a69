"""Deployment checks that Django's own `check --deploy` does not know about."""

from django.conf import settings
from django.core import checks
from django.core.files.storage import default_storage


@checks.register(checks.Tags.security, deploy=True)
def check_media_storage(app_configs, **kwargs):
    if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        return [
            checks.Warning(
                "Uploaded images and documents are stored on the local disk, "
                "which a PaaS wipes on every deploy.",
                hint="Set AWS_STORAGE_BUCKET_NAME (and AWS_S3_ENDPOINT_URL for a "
                "non-AWS provider) to keep media in S3-compatible storage.",
                id="campaign.W001",
            )
        ]
    # Wagtail's own overwrite check only knows django-storages' old class name.
    if getattr(default_storage, "file_overwrite", False):
        return [
            checks.Error(
                "The media storage overwrites files that share a name.",
                hint="Set file_overwrite to False in STORAGES['default']['OPTIONS'].",
                id="campaign.E001",
            )
        ]
    return []


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        return [
            checks.Warning(
                "The cache is in each web process's own memory: the rate limits on "
                "forms hold per process, and the page cache is off.",
                hint="Set REDIS_URL so that every process shares one cache.",
                id="campaign.W002",
            )
        ]
    return []
