"""Media on S3-compatible storage, against a real S3 API server on loopback."""

import subprocess
import sys
import time
import urllib.request

import boto3
import pytest

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from bench.demo_site import free_port
from tests.factories import DocumentFactory, ImageFactory

BUCKET = "campaign-media"


def s3_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


@pytest.fixture(scope="module")
def s3_endpoint():
    """A moto S3 server on a free loopback port, with the media bucket."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("moto_server did not start")
                time.sleep(0.1)
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        ).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_media(s3_endpoint, settings):
    """The media storage configured as production configures it for a bucket."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.storage.MediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "file_overwrite": False,
                "querystring_auth": False,
                "default_acl": None,
            },
        },
    }
    return s3_endpoint


def test_files_are_saved_to_and_read_back_from_the_bucket(s3_media):
    name = default_storage.save("documents/court-ruling.txt", ContentFile(b"Conviction vacated."))

    with default_storage.open(name) as stored:
        assert stored.read() == b"Conviction vacated."
    assert default_storage.url(name).startswith(f"{s3_media}/{BUCKET}/documents/")


def test_a_second_upload_with_the_same_name_never_replaces_the_first(s3_media):
    first = default_storage.save("portraits/photo.txt", ContentFile(b"first"))
    second = default_storage.save("portraits/photo.txt", ContentFile(b"second"))

    assert first != second
    assert default_storage.file_overwrite is False
    assert default_storage.open(first).read() == b"first"


@pytest.mark.django_db
def test_wagtail_images_and_renditions_live_in_the_bucket(s3_media):
    image = ImageFactory(
        title="Generated sample",
        file__width=640,
        file__height=480,
        file__format="JPEG",
        file__filename="sample.jpg",
    )

    rendition = image.get_rendition("fill-320x240|format-webp")

    keys = {
        obj["Key"]
        for obj in boto3.client(
            "s3",
            endpoint_url=s3_media,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        ).list_objects_v2(Bucket=BUCKET)["Contents"]
    }
    assert image.file.name in keys
    assert rendition.file.name in keys
    assert rendition.file.name.endswith(".webp")
    assert (rendition.width, rendition.height) == (320, 240)


@pytest.mark.django_db
def test_documents_in_the_bucket_are_served_by_the_site_as_downloads(s3_media, client):
    # Not a redirect to the bucket, where no header would say "download" and
    # a text file could be read as a page on the bucket's host.
    document = DocumentFactory(
        file__data=b"name,town\nAna,<b>Austin</b>\n", file__filename="Signataires été.csv"
    )
    assert document.file.name == "documents/signataires-ete.csv"

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"name,town\nAna,<b>Austin</b>\n"
