import pytest

from django.db import OperationalError
from django.test import RequestFactory

from campaign.views import server_error
from core.storage import StorageUnavailable


@pytest.mark.django_db
def test_missing_page_gets_the_friendly_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "We can’t find that page" in page
    assert 'href="#main-content"' in page  # the site's own layout, skip link included


def test_500_page_renders_without_the_database():
    # No django_db mark: any query here would fail the test.
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_a_database_error_becomes_503_with_retry_after():
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "back in a moment" in response.content.decode()


def test_an_unreachable_media_storage_becomes_503_saying_the_file_was_not_saved():
    try:
        raise StorageUnavailable("connection refused")
    except StorageUnavailable:
        response = server_error(RequestFactory().get("/admin/images/add/"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "file you sent was not saved" in " ".join(response.content.decode().split())


def test_pages_answer_503_when_the_database_is_down(client, unreachable_database):
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "can’t reach its database" in response.content.decode()
