"""Supporters who signed and answered, and the staff who look them up."""

import datetime

import pytest

from django.utils import timezone

from actions.models import SignUpSubmission
from tests.actions.admin.helpers import FORMULA, supporter_staff
from tests.admin import editor, sign_in
from tests.factories import (
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    SignUpFormFieldFactory,
    SignUpPageFactory,
    StoryIndexPageFactory,
)


@pytest.fixture
def data(home, action_index, petition):
    story = ExonereeStoryPageFactory(parent=StoryIndexPageFactory(parent=home))
    signup = SignUpPageFactory(parent=action_index)
    SignUpFormFieldFactory(page=signup, label="Name")
    SignUpFormFieldFactory(page=signup, label="Email", field_type="email")
    ten_days_ago = timezone.now() - datetime.timedelta(days=10)
    return {
        "petition": petition,
        "second": PetitionPageFactory(parent=action_index),
        "signup": signup,
        "story": story,
        "ada": SignatureFactory(
            action=petition,
            first_name="Ada",
            last_name="Lovelace",
            email="ada@example.org",
            postcode="SW1A 1AA",
            opt_in=True,
            source_page=story,
        ),
        "grace": SignatureFactory(
            action=petition,
            first_name="Grace",
            last_name="Hopper",
            email="grace@example.org",
            postcode="10001",
            created_at=ten_days_ago,
        ),
        "mallory": SignatureFactory(
            action=petition,
            first_name=FORMULA,
            last_name="+Mallory",
            email="mallory@example.org",
            comment="@SUM(1+1)\x01",
        ),
        "submission": SignUpSubmission.objects.create(
            page=signup, form_data={"name": "Ada", "email": "ada@example.org"}
        ),
    }


@pytest.fixture
def staff(client, django_user_model):
    sign_in(client, supporter_staff(django_user_model))
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    sign_in(client, editor(django_user_model))
    return client
