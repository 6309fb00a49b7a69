from django.db import models
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import (
    AbstractFormField,
    AbstractFormSubmission,
    EmailFormMixin,
    FormMixin,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel

from core import languages

from .base import ActionPage, Tally

MULTILINE_MAX_LENGTH = 2000


class SignUpFormBuilder(FormBuilder):
    # Wagtail leaves multi-line answers unbounded; nothing a supporter types
    # needs more than this.
    def create_multiline_field(self, field, options):
        options["max_length"] = MULTILINE_MAX_LENGTH
        return super().create_multiline_field(field, options)


class SignUpFormField(AbstractFormField):
    page = ParentalKey("SignUpPage", on_delete=models.CASCADE, related_name="form_fields")

    # Wagtail's panels, with help for staff who have never built a form.
    panels = [
        FieldPanel("label"),
        FieldPanel("help_text", help_text="A hint shown under the question, if it needs one."),
        FieldPanel("required", help_text="Tick if the form can’t be sent without an answer."),
        FieldPanel(
            "field_type",
            classname="formbuilder-type",
            required_on_save=True,
            help_text="The kind of answer: one line, several lines, an email address, a "
            "choice… Use “Email” for addresses, so that they are checked.",
        ),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("default_value", classname="formbuilder-default"),
    ]


def answer_as_text(answer):
    """A stored answer as staff read it: choices joined, ticks as Yes or No."""
    if isinstance(answer, list):
        return ", ".join(str(item) for item in answer) or "—"
    if isinstance(answer, bool):
        return "Yes" if answer else "No"
    return "—" if answer in (None, "") else str(answer)


class SignUpSubmission(AbstractFormSubmission):
    """A supporter's answers to a sign-up form. Unlike Wagtail's own
    submissions, they outlive the form: deleting its page empties `page`, and
    the form's title is kept in `form_title` (see actions.apps)."""

    page = models.ForeignKey(
        "SignUpPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        help_text="The form answered. Empty once its page has been deleted.",
    )
    form_title = models.CharField(
        max_length=255,
        blank=True,
        help_text="The form’s title, kept here when its page is deleted.",
    )
    # Made while the form's answer is handled, in the language it was shown in.
    language = models.CharField(
        max_length=7,
        choices=languages.choices,
        default=languages.active,
        help_text="The language the supporter read the form in.",
    )

    class Meta(AbstractFormSubmission.Meta):
        ordering = ["-submit_time", "-pk"]
        verbose_name = "form answer"
        verbose_name_plural = "form answers"

    @classmethod
    def keep_form_title(cls, sender, instance, **kwargs):
        """Before a sign-up form's page is deleted, write its title on its
        submissions, which are kept (pre_delete on SignUpPage)."""
        cls.objects.filter(page=instance).update(form_title=instance.title)

    def answers(self):
        """(question, answer as text) for each answer: in the form's order, then
        any questions since removed from it, by name. PostgreSQL's JSON keeps no
        order of its own, so a deleted form's answers come by name."""
        order = [field.clean_name for field in self.page.form_fields.all()] if self.page else []
        rank = {name: index for index, name in enumerate(order)}
        questions = sorted(self.form_data, key=lambda name: (rank.get(name, len(rank)), name))
        return [(question, answer_as_text(self.form_data[question])) for question in questions]

    @property
    def answers_text(self):
        """Every answer on one line, for exports: “name: Ana; email: ana@…”."""
        return "; ".join(f"{question}: {answer}" for question, answer in self.answers())

    @property
    def title(self):
        """The form's title, whether or not its page still exists."""
        if self.page_id is None:
            return f"{self.form_title} (deleted)" if self.form_title else "A deleted form"
        return self.page.title


class SignUpPage(EmailFormMixin, FormMixin, ActionPage):
    """Any other form staff build themselves: volunteer, event RSVP,
    newsletter. Submissions are supporters' data, seen only with that
    permission."""

    form_builder = SignUpFormBuilder

    @property
    def submissions_list_view_class(self):
        # Imported here, not at the top: the export views need the loaded models.
        from actions.exports import SafeSubmissionsListView

        return SafeSubmissionsListView

    content_panels = [
        *ActionPage.content_panels,
        FormSubmissionsPanel(),
        InlinePanel("form_fields", label="Form field", heading="Form fields"),
        *ActionPage.after_panels,
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel(
                            "from_address",
                            help_text="The sender of the email, e.g. the campaign’s address. "
                            "Leave empty for the site’s own.",
                        ),
                        FieldPanel("to_address"),
                    ]
                ),
                FieldPanel("subject", help_text="The subject line of each email to staff."),
            ],
            heading="Email staff about each submission (optional)",
        ),
    ]

    template = "actions/signup_page.html"
    landing_page_template = "actions/thanks.html"
    kind_label = pgettext_lazy("kind of action", "Sign up")
    tally = Tally("submissions", "submit_time", "form submissions")
    verb = pgettext_lazy("call to action", "Sign up")

    class Meta:
        verbose_name = pgettext_lazy("kind of page", "sign-up form")

    def get_submission_class(self):
        return SignUpSubmission

    def action_form(self, data=None):
        return self.get_form(data, page=self, user=None)

    def serve(self, request, *args, **kwargs):
        # Submissions arrive at `submit_url`; the page itself only shows the
        # form, the same for everyone (each visitor's stamp is written on the
        # way out), so it is shared like the other kinds.
        return self.shared_for(request, self.respond(request))

    def submit(self, request, source_page_id, source_platform=""):
        form = self.action_form(request.POST)
        if not form.is_valid():
            return self.respond(request, status=400, form=form)
        self.process_form_submission(form)
        return self.thank_you_response(request)

    def send_mail(self, form):
        # Through a background task: a slow mail server must not hold up the visitor.
        # Imported here, not at the top: actions.delivery reads these models, so it
        # can only load once actions.models has.
        from actions.delivery import send_form_notification

        addresses = [a.strip() for a in self.to_address.split(",") if a.strip()]
        send_form_notification.enqueue(
            subject=self.subject,
            body=self.render_email(form),
            from_address=self.from_address,
            to=addresses,
        )
