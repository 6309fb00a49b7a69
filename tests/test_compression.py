"""Pages go out compressed; static files are compressed by whitenoise."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_gzipped_for_browsers_that_accept_it(client):
    response = client.get("/", headers={"Accept-Encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<!DOCTYPE html>" in gzip.decompress(response.content)


def test_pages_are_plain_for_clients_that_do_not(client):
    response = client.get("/")
    assert not response.has_header("Content-Encoding")
