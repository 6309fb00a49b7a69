"""axe-core on the project's own admin screens."""

import warnings

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from actions.models import SignUpSubmission
from home.models import HomePage
from tests.e2e.admin.staff import TIMEOUT
from tests.e2e.axe import WCAG_22_AA
from tests.factories import (
    ActionIndexPageFactory,
    ExonereeStoryPageFactory,
    PetitionPageFactory,
    SignatureFactory,
    SignUpPageFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def supporters(index):
    """Signatures on a petition, some of them from a story, for the admin's
    listings, counts panel and supporter data search."""
    petition = PetitionPageFactory(parent=ActionIndexPageFactory(parent=HomePage.objects.get()))
    story = ExonereeStoryPageFactory(parent=index, person_name="Sam Rivera")
    SignatureFactory.create_batch(2, action=petition, source_page=story)
    SignatureFactory(action=petition, email="ada@example.org")
    volunteer = SignUpPageFactory(parent=petition.get_parent())
    SignUpSubmission.objects.create(
        page=volunteer, form_data={"name": "Ada", "email": "ada@example.org", "hours": ["Weekends"]}
    )
    return petition


def axe(tab, context):
    return Axe().run(
        tab, context=context, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}}
    )


def assert_our_markup_is_accessible(tab, ours):
    """Fail on axe-core violations inside `ours` (a CSS selector for the
    project's own markup); only warn about those in the rest of Wagtail's admin,
    which the project does not control."""
    results = axe(tab, {"include": [ours]})
    assert results.violations_count == 0, results.generate_report()
    elsewhere = axe(tab, {"include": ["html"], "exclude": [ours]})
    if elsewhere.violations_count:
        warnings.warn(
            f"Wagtail's admin around {tab.url} fails axe-core:\n{elsewhere.generate_snapshot()}",
            stacklevel=2,
        )


def found_a_supporter(tab):
    tab.get_by_label("Email").fill("ada@example.org")
    tab.get_by_role("button", name="Find").click()
    expect(tab.get_by_role("region", name="Held about ada@example.org")).to_contain_text(
        "Signed “", timeout=TIMEOUT
    )
    expect(tab.get_by_role("button", name="Erase this supporter…")).to_be_visible()


def sent_a_bad_file(tab):
    tab.get_by_label("CSV file").set_input_files(
        files=[{"name": "stories.csv", "mimeType": "text/csv", "buffer": b"person_name\nSam\n"}]
    )
    tab.get_by_role("button", name="Import").click()
    # Refused at upload, before anything is queued, with the file's problem.
    expect(tab.get_by_text("The file is missing the required columns")).to_be_visible(
        timeout=TIMEOUT
    )


def shows(heading):
    def check(tab):
        expect(tab.get_by_role("heading", name=heading)).to_be_visible(timeout=TIMEOUT)

    return check


# (path, what to do there first, the project's own markup)
ADMIN_SCREENS = {
    "signatures": ("/admin/signatures/", shows("Signatures"), "main"),
    "form-answers": ("/admin/form_answers/", shows("Form answers"), "main"),
    "supporter-data": ("/admin/supporter-data/", shows("Supporter data requests"), "main"),
    "supporter-data-found": ("/admin/supporter-data/", found_a_supporter, "main"),
    "import": ("/admin/stories/import/", shows("Import stories"), "main"),
    "import-problems": ("/admin/stories/import/", sent_a_bad_file, "main"),
    "story-listing": ("/admin/stories/", shows("Exoneree stories"), "main"),
    "dashboard": (
        "/admin/",
        shows("Stories that lead to the most signatures"),
        "#supporter-counts-section",
    ),
}


@pytest.mark.parametrize("screen", ADMIN_SCREENS)
def test_the_projects_admin_screens_have_no_axe_violations(
    log_in, live_server, superuser, supporters, screen
):
    path, get_there, ours = ADMIN_SCREENS[screen]
    tab = log_in("admin")
    tab.goto(live_server.url + path)
    get_there(tab)
    assert_our_markup_is_accessible(tab, ours)
