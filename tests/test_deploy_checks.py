from django.core import checks

from campaign.checks import check_media_storage, check_shared_cache

S3 = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {"bucket_name": "media", "region_name": "us-east-1"},
}


def test_local_media_storage_is_reported_for_deploys(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }

    assert [issue.id for issue in check_media_storage(None)] == ["campaign.W001"]
    assert "campaign.W001" in {
        issue.id for issue in checks.run_checks(include_deployment_checks=True, databases=[])
    }


def test_s3_storage_that_overwrites_files_is_an_error(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**S3, "OPTIONS": {**S3["OPTIONS"], "file_overwrite": True}},
    }

    assert [issue.id for issue in check_media_storage(None)] == ["campaign.E001"]


def test_s3_storage_that_keeps_every_upload_passes(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**S3, "OPTIONS": {**S3["OPTIONS"], "file_overwrite": False}},
    }

    assert check_media_storage(None) == []


def test_a_cache_in_each_process_is_reported_for_deploys(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [issue.id for issue in check_shared_cache(None)] == ["campaign.W002"]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert check_shared_cache(None) == []
