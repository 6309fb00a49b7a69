"""Driving the Wagtail admin as campaign staff do."""

from django.contrib.auth.models import Group, Permission


def editor(django_user_model, username="editor"):
    """A campaign worker in Wagtail's Editors group: drafts, can't publish."""
    user = django_user_model.objects.create_user(username, password="pw")
    group = Group.objects.get(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def create_as_editor(test, parent, model, data):
    """Post the admin's add form; an editor's draft lands on its edit page."""
    meta = model._meta
    response = test.client.post(
        f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{parent.pk}/", data
    )
    page = model.objects.child_of(parent).get(slug=data["slug"])
    test.assertRedirects(response, f"/admin/pages/{page.pk}/edit/")
    return page
