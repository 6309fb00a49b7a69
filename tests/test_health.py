import pytest


@pytest.mark.django_db
def test_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}
    assert "no-store" in response["Cache-Control"]


def test_answers_503_when_the_database_is_unreachable(client, unreachable_database):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": False}
    assert "no-store" in response["Cache-Control"]
    assert response["Retry-After"] == "30"


@pytest.mark.django_db
def test_answers_an_internal_probe_over_plain_http(client, settings):
    # A router's probe uses an internal host name and plain HTTP.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["campaign.example.org"]

    response = client.get("/healthz", headers={"host": "10.0.0.7:8000"})

    assert response.status_code == 200


@pytest.mark.django_db
def test_other_paths_still_get_the_host_check_and_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["campaign.example.org"]

    assert client.get("/", headers={"host": "10.0.0.7"}).status_code == 400
    assert client.get("/", headers={"host": "campaign.example.org"}).status_code == 301


@pytest.mark.django_db
def test_other_methods_are_not_health_checks(client):
    response = client.post("/healthz")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
