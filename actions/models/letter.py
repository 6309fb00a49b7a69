import re
from urllib.parse import quote

from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.sharing import TAG_LENGTH

from .base import ActionPage, Tally

# Some mail programs cut a mailto: link longer than about 2,000 characters.
LETTER_MAX_LENGTH = 1800


class LetterPage(ActionPage):
    """Contact an official: staff write the letter and call script; the visitor
    personalises it and sends it from their own email, or copies it. The site
    only counts that they did; it never sends or keeps the letter."""

    recipient_name = models.CharField(
        max_length=120, help_text="Who receives the letter, e.g. “Senator Maria Lopez”."
    )
    recipient_role = models.CharField(
        max_length=160,
        blank=True,
        help_text="Their office, e.g. “Chair, Senate Judiciary Committee”.",
    )
    recipient_email = models.EmailField(
        blank=True, help_text="Their public email address. Without it, visitors copy the letter."
    )
    recipient_phone = models.CharField(
        max_length=30, blank=True, help_text="Their public office phone number, for calls."
    )
    subject = models.CharField(max_length=150, help_text="The email’s subject line.")
    letter = models.TextField(
        max_length=LETTER_MAX_LENGTH,
        help_text="The letter, without a greeting’s name or a signature: the visitor’s name "
        "and town are added at the end. Visitors may edit it before sending.",
    )
    call_script = models.TextField(
        max_length=1500,
        blank=True,
        help_text="Optional. What to say on the phone, for visitors who call instead.",
    )

    content_panels = [
        *ActionPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("recipient_name"), FieldPanel("recipient_role")]),
                FieldRowPanel([FieldPanel("recipient_email"), FieldPanel("recipient_phone")]),
            ],
            heading="Recipient",
        ),
        FieldPanel("subject"),
        FieldPanel("letter"),
        FieldPanel("call_script"),
        *ActionPage.after_panels,
    ]

    template = "actions/letter_page.html"
    kind_label = pgettext_lazy("kind of action", "Letter")
    # Only that a letter was written: the letter itself is never stored.
    tally = Tally("completions", "created_at", "letters written")
    verb = pgettext_lazy("call to action", "Write to them")
    submit_label = pgettext_lazy("form button", "Prepare my email")
    # Shows a live count of letters written: shared caches keep it under a
    # minute (read by core.pagecache.SharedPage).
    cache_seconds = 45

    class Meta:
        verbose_name = pgettext_lazy("kind of page", "letter to an official")

    def completion_count(self):
        """Letters written from this page and from its translations: one
        count for the campaign in every language."""
        return LetterCompletion.objects.filter(action__translation_key=self.translation_key).count()

    @property
    def recipient_tel_url(self):
        """The phone number as a tel: link, which allows no spaces: its digits,
        after a + for an international number (“+1 555 0100” → tel:+15550100)."""
        digits = re.sub(r"\D", "", self.recipient_phone)
        if not digits:
            return ""
        plus = "+" if self.recipient_phone.lstrip().startswith("+") else ""
        return f"tel:{plus}{digits}"

    def action_form(self, data=None):
        # Imported here, not at the top: actions.forms builds its forms from these
        # models, so it can only load once actions.models has.
        from actions.forms import LetterForm

        return LetterForm(data, initial={"message": self.letter})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["completion_count"] = self.completion_count()
        return context

    def compose(self, name, town, message):
        body = f"{message.strip()}\n\n{name}\n{town}".strip()
        return {
            "body": body,
            "mailto": (
                f"mailto:{quote(self.recipient_email)}?subject={quote(self.subject)}"
                f"&body={quote(body)}"
                if self.recipient_email
                else ""
            ),
        }

    def submit(self, request, source_page_id, source_platform=""):
        """Shows the finished letter with a button that opens the visitor's
        email and one that copies it, and counts one completion. Rendered,
        not redirected: the letter is the visitor's and is never stored."""
        form = self.action_form(request.POST)
        if not form.is_valid():
            return self.respond(request, status=400, form=form)
        data = form.cleaned_data
        LetterCompletion.objects.create(
            action=self, source_page_id=source_page_id, source_platform=source_platform
        )
        letter = self.compose(data["name"], data["town"], data["message"])
        # Never cached: the submit view marks every answer no-store and private.
        return self.respond(request, template="actions/letter_ready.html", letter=letter)


class LetterCompletion(models.Model):
    """One visitor finished a letter. Holds no personal data: only when, and
    which page sent them."""

    action = models.ForeignKey(LetterPage, on_delete=models.CASCADE, related_name="completions")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    source_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_platform = models.CharField(
        max_length=TAG_LENGTH,
        blank=True,
        help_text="The utm_source of the shared link that brought this visitor, e.g. "
        "“bluesky”. Empty when they came another way.",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Letter {self.pk} on {self.action_id}"
