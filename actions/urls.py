from django.urls import path, re_path

from . import stamps, views

app_name = "actions"

urlpatterns = [
    path("actions/<int:page_id>/submit/", views.submit, name="submit"),
    # The id's format is all that is checked (see views.envelope): digits, as
    # many as a page id can have.
    re_path(
        rf"^actions/(?P<page_id>[0-9]{{1,{stamps.MAX_ID_DIGITS}}})/envelope/$",
        views.envelope,
        name="envelope",
    ),
]
