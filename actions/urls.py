from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("actions/<int:page_id>/submit/", views.submit, name="submit"),
]
