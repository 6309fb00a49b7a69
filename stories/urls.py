"""Public URLs of the stories app outside the page tree."""

urlpatterns = []
