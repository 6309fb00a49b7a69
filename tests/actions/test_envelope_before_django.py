"""The edge's requests for a form's stamp (ESI), answered as gunicorn hands
them over (actions.wsgi, which campaign.wsgi runs), as the view would."""

from django.test import Client, RequestFactory

from actions import stamps
from actions.wsgi import EnvelopeApplication
from tests.actions.helpers import stamp_in


def test_the_edge_s_envelope_is_answered_before_django_as_the_view_answers_it(petition, home):
    handled = []

    def django(environ, start_response):
        handled.append(environ["PATH_INFO"])
        start_response("404 Not Found", [])
        return [b""]

    application = EnvelopeApplication(django)

    def serve(path, method="GET"):
        environ = RequestFactory().generic(method, path).environ
        answer = {}
        body = b"".join(
            application(
                environ, lambda status, headers: answer.update(status=status, headers=dict(headers))
            )
        )
        return answer["status"], answer["headers"], body.decode()

    status, headers, html = serve(f"/actions/{petition.pk}/envelope/?from={home.pk}")
    view = Client().get(f"/actions/{petition.pk}/envelope/?from={home.pk}")
    assert (status, handled) == ("200 OK", [])
    assert headers["Cache-Control"] == view["Cache-Control"] == "private, no-store"
    assert headers["Content-Length"] == str(len(html.encode()))
    # The same inputs as the view's, with a stamp of their own.
    assert html.replace(stamp_in(html), "") == view.text.replace(stamp_in(view.text), "")
    assert stamps.read(stamp_in(html)).page_id == petition.pk
    assert serve(f"/actions/{petition.pk}/envelope/", "HEAD")[2] == ""
    # A Spanish page's form asks under /es/ (issue 16).
    status, __, html = serve(f"/es/actions/{petition.pk}/envelope/?from={home.pk}")
    assert (status, handled) == ("200 OK", [])
    assert stamps.read(stamp_in(html)).page_id == petition.pk
    for other in (
        "/actions/abc/envelope/",
        "/actions/123456789012/envelope/",
        "/",
        f"/fr/actions/{petition.pk}/envelope/",
    ):
        serve(other)
    serve(f"/actions/{petition.pk}/envelope/", "POST")
    assert handled == [
        "/actions/abc/envelope/",
        "/actions/123456789012/envelope/",
        "/",
        f"/fr/actions/{petition.pk}/envelope/",
        f"/actions/{petition.pk}/envelope/",
    ]
