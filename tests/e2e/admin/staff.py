"""The campaign's staff in the browser tests of the admin: their password,
how long the admin may take, and a member of a staff group."""

from django.contrib.auth.models import Group, User

# Generous: the admin is slow to load on a busy CI machine, and expect() returns
# as soon as the condition holds.
TIMEOUT = 30_000
PASSWORD = "a-long-test-password"


def member(username, group):
    """A user in one staff group and nothing else, as the migrations set it up."""
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user
