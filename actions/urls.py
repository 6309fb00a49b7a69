from django.urls import path, register_converter

from . import stamps, views


class PageIdConverter:
    """A page id in an address: digits, as many as a page id can have (see
    stamps.MAX_ID_DIGITS). Django's `int` takes any number of digits, and
    SQLite raises OverflowError on one past 2**63 - 1: a 500 where a 404 is
    due. A longer number matches no URL at all."""

    regex = rf"[0-9]{{1,{stamps.MAX_ID_DIGITS}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


register_converter(PageIdConverter, "page_id")

app_name = "actions"

urlpatterns = [
    path("actions/<page_id:page_id>/submit/", views.submit, name="submit"),
    # The id's format is all that is checked (see views.envelope).
    path("actions/<page_id:page_id>/envelope/", views.envelope, name="envelope"),
    path("actions/privacy/", views.privacy, name="privacy"),
]
