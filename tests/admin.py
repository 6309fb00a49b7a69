"""Driving the Wagtail admin as campaign staff do."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import Group, Permission
from django.test import Client

from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.workflow import ensure_review_workflow
from home.models import HomePage
from stories.models import ContributingFactor
from tests.factories import (
    ExonereeStoryPageFactory,
    StoryIndexPageFactory,
)


def sign_in(client, user):
    """Sign `user` in to the admin as staff are: with a password and a second
    factor. The one way tests sign staff in (the admin refuses a session that
    has not passed the second factor; see core.signin)."""
    client.force_login(user)
    passed_second_factor(client, user)
    return client


def passed_second_factor(client, user):
    """Mark the client's session as verified with the user's authenticator
    app (given them if they have none), as django_otp.login does after a right
    code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="default")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


class StaffClient(Client):
    """A test client whose force_login also passes the second factor, for
    Wagtail's page test helpers (assertPageIsEditable, assertPageIsPreviewable)
    that sign in with force_login: `client_class = StaffClient`."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        passed_second_factor(self, user)


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


def story_form(**overrides):
    """The story editor's form as an editor fills it: a complete story,
    consent and legal review ticked; `overrides` change single fields."""
    data = {
        "title": "The story of Sam Rivera",
        "slug": "sam-rivera",
        "person_name": "Sam Rivera",
        "summary": "Convicted on a mistaken identification.",
        "jurisdiction": "TX",
        "county": "Sample County",
        "crimes_charged": "Robbery",
        "sentence": "25 years",
        "crime_year": "1994",
        "conviction_year": "1995",
        "exoneration_year": "2006",
        "basis": "innocent",
        "compensation": "unknown",
        "factors": str(ContributingFactor.objects.get(slug="mistaken-witness-identification").pk),
        "consent_on_file": "on",
        "legal_review_done": "on",
        "body": streamfield(
            [
                ("text", rich_text("<p>Sam was nineteen.</p>")),
                ("quote", {"quote": "I never stopped saying it.", "attribution": "Sam Rivera"}),
                (
                    "timeline",
                    {
                        "heading": "Case timeline",
                        "events": streamfield(
                            [
                                ("item", {"date": "1994", "event": "A robbery."}),
                                ("item", {"date": "2006", "event": "Exonerated."}),
                            ]
                        ),
                    },
                ),
                ("citation", {"title": "Sample ruling", "publisher": "Sample Court", "url": ""}),
            ]
        ),
        "related_stories": inline_formset([]),
        "related_actions": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


class StaffTestCase(WagtailPageTestCase):
    """A site with a story index under review and one member of each staff
    group: an editor, a moderator and an organiser who handles supporter data."""

    client_class = StaffClient

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.site = Site.objects.get(is_default_site=True)
        cls.index = StoryIndexPageFactory(parent=cls.home)
        # On a new site the demo content assigns the workflow; here the test does.
        ensure_review_workflow(cls.index)
        cls.editor = cls.member("editor", "Editors")
        cls.moderator = cls.member("moderator", "Moderators")
        cls.supporter_data = cls.member("organiser", "Supporter data")

    @classmethod
    def member(cls, username, group):
        user = cls.create_user(username, password="pw", first_name=username.title())
        user.groups.add(Group.objects.get(name=group))
        return user

    def add_url(self):
        return f"/admin/pages/add/stories/exonereestorypage/{self.index.pk}/"

    def assertRefused(self, urls):
        for url in urls:
            response = self.client.get(url)
            self.assertRedirects(response, "/admin/", fetch_redirect_response=False, msg_prefix=url)

    def assertAllowed(self, urls):
        for url in urls:
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def draft(self, user, **fields):
        """A draft story `user` has saved."""
        story = ExonereeStoryPageFactory(parent=self.index, live=False, **fields)
        story.save_revision(user=user)
        return story

    def in_review(self, **fields):
        """A draft story an editor has submitted for review."""
        story = self.draft(self.editor, **fields)
        story.get_workflow().start(story, self.editor)
        return story


def superuser(django_user_model, username="admin"):
    return django_user_model.objects.create_superuser(username, f"{username}@example.org", "pw")
