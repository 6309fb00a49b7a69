"""Each kind of action page: where it lives, that staff can make it in the
admin, and what visitors can do with it."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.utils.html import strip_tags

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from actions.models import (
    ActionIndexPage,
    ActionSettings,
    DonatePage,
    GiftImpact,
    LetterCompletion,
    LetterPage,
    PetitionPage,
    SignUpPage,
    SignUpSubmission,
)
from home.models import HomePage, InformationPage
from tests.actions.helpers import post_action
from tests.admin import StaffClient, create_as_editor, sign_in
from tests.factories import (
    ActionIndexPageFactory,
    DonatePageFactory,
    LetterPageFactory,
    SignUpFormFieldFactory,
    SignUpPageFactory,
)

ACTION_KINDS = {PetitionPage, LetterPage, DonatePage, SignUpPage}


class ActionPagesInTheAdminTests(WagtailPageTestCase):
    client_class = StaffClient

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.index = ActionIndexPageFactory(parent=cls.home)

    def setUp(self):
        from tests.admin import editor

        sign_in(self.client, editor(get_user_model()))

    def test_actions_live_under_one_index_under_home(self):
        self.assertAllowedParentPageTypes(ActionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ActionIndexPage, ACTION_KINDS)
        for kind in ACTION_KINDS:
            self.assertAllowedParentPageTypes(kind, {ActionIndexPage})
            self.assertAllowedSubpageTypes(kind, set())
        self.assertAllowedSubpageTypes(InformationPage, {InformationPage})  # about, privacy, terms

    def common(self, slug):
        return {
            "title": slug.replace("-", " ").title(),
            "slug": slug,
            "teaser": "Act on it today.",
            "intro": rich_text("<p>Why it matters.</p>"),
            "thank_you": rich_text(""),
        }

    def test_an_editor_makes_a_petition(self):
        page = create_as_editor(
            self,
            self.index,
            PetitionPage,
            nested_form_data(
                {
                    **self.common("free-them"),
                    "kind": "petition",
                    "target": "The Governor",
                    "statement": "Review every bite-mark conviction.",
                    "goal": "500",
                }
            ),
        )
        self.assertEqual(page.goal, 500)
        self.assertPageIsPreviewable(page)

    def test_an_editor_makes_a_letter(self):
        page = create_as_editor(
            self,
            self.index,
            LetterPage,
            nested_form_data(
                {
                    **self.common("write-to-them"),
                    "recipient_name": "Senator Lopez",
                    "subject": "Back the bill",
                    "letter": "Dear Senator, please back the bill.",
                }
            ),
        )
        self.assertPageIsPreviewable(page)

    def test_an_editor_makes_a_donation_appeal_and_bad_amounts_are_refused(self):
        data = {
            **self.common("give"),
            "suggested_amounts": "25, fifty",
            "currency_symbol": "$",
            "monthly_amounts": "10, 25",
            "monthly_parameter": "recurring=monthly",
            "gift_impacts": inline_formset(
                [{"amount": "25", "description": "pays for a records request"}]
            ),
        }
        response = self.client.post(
            f"/admin/pages/add/actions/donatepage/{self.index.pk}/", nested_form_data(data)
        )
        self.assertContains(response, "Enter whole amounts separated by commas")
        self.assertFalse(DonatePage.objects.exists())
        data["suggested_amounts"] = "25, 50"
        page = create_as_editor(self, self.index, DonatePage, nested_form_data(data))
        self.assertEqual(str(page.gift_impacts.get()), "$25 pays for a records request")
        self.assertPageIsPreviewable(page)

    def test_an_editor_makes_a_sign_up_form(self):
        page = create_as_editor(
            self,
            self.index,
            SignUpPage,
            nested_form_data(
                {
                    **self.common("volunteer"),
                    "form_fields": inline_formset(
                        [{"label": "Your email", "field_type": "email", "required": "on"}]
                    ),
                    "to_address": "",
                    "from_address": "",
                    "subject": "",
                }
            ),
        )
        self.assertEqual(page.form_fields.get().clean_name, "your_email")
        self.assertPageIsPreviewable(page)

    def test_the_base_action_is_never_offered_to_staff(self):
        response = self.client.get(f"/admin/pages/{self.index.pk}/add_subpage/")
        self.assertNotContains(response, "/actions/actionpage/")
        self.assertContains(response, "/actions/petitionpage/")


@pytest.fixture
def letter(action_index):
    return LetterPageFactory(parent=action_index)


def test_a_letter_is_personalised_counted_and_never_kept(client, letter):
    page = client.get(letter.url).content.decode()
    assert "Dear Senator," in page  # the letter is in the form, ready to edit
    response = post_action(
        client,
        letter,
        {"name": "Ana Ruiz", "town": "Austin, 78701", "message": "Dear Senator, act now."},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert "mailto:senator%40example.org?subject=Please%20back" in html
    assert "Dear%20Senator%2C%20act%20now.%0A%0AAna%20Ruiz%0AAustin%2C%2078701" in html
    assert "Dear Senator, act now.\n\nAna Ruiz\nAustin, 78701" in html  # to copy
    completion = LetterCompletion.objects.get()
    assert completion.action_id == letter.pk
    assert letter.completion_count() == 1


def test_a_letter_without_a_name_is_refused_and_not_counted(client, letter):
    response = post_action(client, letter, {"name": "", "town": "Austin", "message": "Hi"})
    assert response.status_code == 400
    assert LetterCompletion.objects.count() == 0


def test_a_letter_without_an_email_address_is_for_copying(client, letter):
    letter.recipient_email = ""
    letter.save()
    response = post_action(client, letter, {"name": "Ana", "town": "Austin", "message": "Hi"})
    assert "Open it in my email" not in response.content.decode()
    assert "Copy the letter below" in response.content.decode()


@pytest.mark.parametrize("name", ["Your state senator", "Senator Maria Lopez"])
def test_the_recipient_reads_naturally_whatever_staff_call_them(client, letter, name):
    letter.recipient_name = name
    letter.recipient_email = ""
    letter.save()
    form = " ".join(strip_tags(client.get(letter.url).content.decode()).split())
    ready = post_action(client, letter, {"name": "Ana", "town": "Austin", "message": "Hi"})
    ready = " ".join(strip_tags(ready.content.decode()).split())
    # A label, never mid-sentence: “goes to Your state senator” read wrongly.
    assert f"Recipient: {name}" in form
    assert f"Recipient: {name}." in ready
    assert f"to {name}" not in form + ready


@pytest.mark.parametrize(
    ("phone", "link"),
    [
        ("+1 555 0100", 'href="tel:+15550100">+1 555 0100<'),
        ("(512) 555-0100", 'href="tel:5125550100">(512) 555-0100<'),
        ("", None),
    ],
)
def test_a_letter_links_to_the_office_phone_without_spaces(client, action_index, phone, link):
    letter = LetterPageFactory(
        parent=action_index, recipient_phone=phone, call_script="Say who you are."
    )
    html = client.get(letter.url).content.decode()
    if link:
        assert link in html
    else:
        assert "Or call them" not in html


def test_a_donation_page_links_to_the_processor_with_each_amount(client, action_index):
    page = DonatePageFactory(
        parent=action_index, donation_url="https://donate.example.org/give?ref=site"
    )
    html = client.get(page.url).content.decode()
    assert 'href="https://donate.example.org/give?ref=site&amp;amount=25"' in html
    assert "$250" in html
    assert "<form" not in html.split("<main", 1)[1]  # the site takes no payment


def test_a_donation_page_offers_monthly_gifts_says_what_they_do_and_the_tax_status(
    client, action_index, home
):
    page = DonatePageFactory(
        parent=action_index,
        donation_url="https://donate.example.org/give",
        suggested_amounts="25, 1000",
        monthly_amounts="10",
        monthly_parameter="recurring=monthly",
    )
    GiftImpact.objects.create(page=page, amount=1000, description="pays for a DNA test")
    settings = ActionSettings.for_site(home.get_site())
    settings.tax_status = "The Campaign is a 501(c)(3) nonprofit."
    settings.save()

    html = re.sub(r"\s+", " ", client.get(page.url).text)
    assert "Give once" in html and "Give monthly" in html
    assert '<a class="button" href="https://donate.example.org/give?amount=1000">$1,000</a>' in html
    assert (
        '<a class="button" href="https://donate.example.org/give?amount=10&amp;recurring=monthly">'
        "$10 a month</a>" in html
    )
    # “Other amount” keeps the frequency.
    assert 'href="https://donate.example.org/give?recurring=monthly">Other amount' in html
    assert "<strong>$1,000</strong> pays for a DNA test" in html
    assert "The Campaign is a 501(c)(3) nonprofit." in html


def test_without_monthly_amounts_a_donation_page_offers_one_off_gifts_only(client, action_index):
    page = DonatePageFactory(parent=action_index, monthly_parameter="recurring=monthly")
    html = client.get(page.url).text
    assert "Give monthly" not in html and "recurring" not in html
    assert page.amount_links(monthly=True) == []


def test_a_donation_page_falls_back_to_the_site_setting(client, action_index, home):
    page = DonatePageFactory(parent=action_index, donation_url="")
    assert "Donations are not open" in client.get(page.url).content.decode()
    settings = ActionSettings.for_site(home.get_site())
    settings.donation_url = "https://fund.example.org/"
    settings.save()
    assert "https://fund.example.org/?amount=50" in client.get(page.url).content.decode()


@pytest.fixture
def volunteer(action_index):
    page = SignUpPageFactory(parent=action_index, to_address="staff@example.org")
    SignUpFormFieldFactory(page=page, label="Your email", field_type="email")
    SignUpFormFieldFactory(page=page, label="About you", field_type="multiline", required=False)
    return page


def test_a_sign_up_is_stored_as_a_form_submission_and_staff_are_told_later(
    client, volunteer, django_capture_on_commit_callbacks
):
    response = post_action(client, volunteer, {"your_email": "ana@example.org"})
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    submission = SignUpSubmission.objects.get()
    # Only the form's own fields: nothing of the spam checks.
    assert submission.form_data == {"your_email": "ana@example.org", "about_you": ""}
    # The notification is queued for the worker, not sent during the request.
    assert mail.outbox == []


def test_a_sign_up_answer_has_a_length_limit(client, volunteer):
    response = post_action(
        client, volunteer, {"your_email": "ana@example.org", "about_you": "x" * 2001}
    )
    assert response.status_code == 400
    assert SignUpSubmission.objects.count() == 0


@override_settings(ACTION_RATE_LIMIT=1)
def test_sign_up_forms_share_the_guards(client, volunteer):
    assert post_action(client, volunteer, {"your_email": "a@example.org"}).status_code == 200
    assert post_action(client, volunteer, {"your_email": "b@example.org"}).status_code == 429
    assert SignUpSubmission.objects.count() == 1


def test_a_donation_page_has_no_form_to_post(client, action_index):
    page = DonatePageFactory(parent=action_index)
    assert post_action(client, page, {}).status_code == 404
