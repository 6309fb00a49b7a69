"""The media bucket becomes unreachable (the S3 test server is stopped) under
the Procfile's web process: pages are still served, their existing image
renditions still named, a missing rendition is a broken image rather than a
500, and an upload in the admin is refused with a clear message."""

import io
import re
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
import redis
from PIL import Image

from bench.demo_site import BUCKET, ROOT, free_port, public_bucket
from tests.deploy.servers import Editor, FormFields, WebProcess

from .conftest import Visitor, admin_cookies

pytestmark = pytest.mark.deploy


class S3Server:
    """moto's S3 server on a free port, with the media bucket filled from the
    media folder the site was built with."""

    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    pytest.fail("moto_server did not start")
                time.sleep(0.1)
        public_bucket(self.endpoint)
        self._upload(ROOT / "media")

    def _upload(self, folder):
        import boto3

        s3 = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="bench",
            aws_secret_access_key="bench",
        )
        for path in (folder / "original_images").rglob("*"):
            if path.is_file():
                s3.upload_file(str(path), BUCKET, str(path.relative_to(folder)))

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(timeout=10)


class SignedInAdmin(Editor):
    """An admin's browser, signed in by conftest.admin_cookies."""

    def __init__(self, port, site):
        self.port = port
        self.cookies = admin_cookies(site)

    def upload_image(self, content):
        """The admin's "Add an image" form, sent with `content` as the file."""
        response, page = self.send("GET", "/admin/images/add/")
        assert response.status == 200, response.status
        fields = FormFields()
        fields.feed(page.decode())
        fields.values["title"] = "Uploaded while the bucket is away"
        boundary = uuid.uuid4().hex

        def part(name, value, headers=""):
            disposition = f'Content-Disposition: form-data; name="{name}"{headers}'
            return f"--{boundary}\r\n{disposition}\r\n\r\n".encode() + value + b"\r\n"

        parts = [part(name, value.encode()) for name, value in fields.values.items()]
        parts.append(part("file", content, '; filename="upload.png"\r\nContent-Type: image/png'))
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.send(
            "POST",
            "/admin/images/add/",
            body=body,
            **{"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


def image_urls(page, s3):
    return set(re.findall(rf"{re.escape(s3.endpoint)}/[^\s\"]+".encode(), page))


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def test_pages_are_served_and_uploads_refused_while_the_bucket_is_unreachable(
    site, postgres, redis_server
):
    # No renditions yet: the story's are made below, the index's never are.
    postgres.query(site["database"], "DELETE FROM wagtailimages_rendition RETURNING id")
    s3 = S3Server()
    environ = {
        **site["environ"],
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3.endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
    }
    web = WebProcess(environ)
    try:
        visitor = Visitor(web.port)
        response, story = visitor.get(site["story"])
        assert response.status == 200
        assert s3.endpoint.encode() in story, "the story's portrait is served from the bucket"
        images = postgres.query(site["database"], "SELECT count(*) FROM wagtailimages_image")

        s3.stop()
        # Pages rendered afresh, not from the page cache.
        redis.Redis(port=redis_server.port).flushdb()
        answers, bodies = {}, {}
        for path in (site["story"], site["index"], site["home"]):
            started = time.perf_counter()
            response, bodies[path] = visitor.get(path)
            answers[path] = (response.status, round((time.perf_counter() - started) * 1000))
            assert response.status == 200, (path, response.status)
        _, again = visitor.get(site["story"])
        response, page = SignedInAdmin(web.port, site).upload_image(png())
    finally:
        s3.stop()
        web.stop()
    print(
        f"\nbucket unreachable: pages answered (status, ms) {answers}; "
        f"an admin upload answered {response.status}"
    )

    assert image_urls(again, s3) == image_urls(story, s3), "the story names its renditions"
    # The index's portraits had no renditions: Wagtail's stand-in for a missing file.
    assert f"{s3.endpoint}/{BUCKET}/not-found".encode() in bodies[site["index"]]
    assert response.status == 503, web.output[-3000:]
    assert response.getheader("Retry-After")
    assert "file storage" in page.decode()
    assert postgres.query(site["database"], "SELECT count(*) FROM wagtailimages_image") == images
