"""Staff passwords have 12 characters at least, and staff sessions are short:
they end after STAFF_SESSION_HOURS, and when the browser closes."""

import pytest

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.test_settings import load_production_settings

from .steps import code_for, code_step, password_step, staff_member

pytestmark = pytest.mark.django_db


def test_a_password_of_11_characters_is_refused_and_12_are_enough(django_user_model):
    user = django_user_model(username="editor")

    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Qz8#mK2$pLw", user)
    validate_password("Qz8#mK2$pLw9", user)


def test_a_staff_session_lasts_eight_hours_and_ends_with_the_browser(client, django_user_model):
    user = staff_member(django_user_model)
    password_step(client, "editor")
    response = code_step(client, code_for(user))

    cookie = response.cookies["sessionid"]
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    assert client.session.get_expiry_age() == 8 * 60 * 60
    assert client.session.get_expire_at_browser_close()


def test_session_length_and_lockout_come_from_the_environment():
    shown = load_production_settings(
        "settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE, "
        "settings.AXES_COOLOFF_TIME.total_seconds()",
        STAFF_SESSION_HOURS="2",
        STAFF_SESSION_ENDS_WITH_BROWSER="false",
        STAFF_LOCKOUT_MINUTES="15",
    )
    assert shown.stdout.split() == ["7200", "False", "900.0"]
