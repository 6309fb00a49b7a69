from urllib.parse import urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .base import ActionPage


def validate_amounts(value):
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if not parts or not all(part.isdigit() and 0 < int(part) < 1_000_000 for part in parts):
        raise ValidationError("Enter whole amounts separated by commas, e.g. “25, 50, 100”.")


class DonatePage(ActionPage):
    """Sends the visitor to the organisation's donation processor with an
    amount chosen. The site itself never handles a payment."""

    donation_url = models.URLField(
        blank=True,
        help_text="Your donation processor’s page for this appeal. Without it, the address "
        "in Settings › Calls to action is used.",
    )
    suggested_amounts = models.CharField(
        max_length=60,
        default="25, 50, 100, 250",
        validators=[validate_amounts],
        help_text="Amounts offered as buttons, separated by commas.",
    )
    currency_symbol = models.CharField(
        max_length=3,
        default="$",
        help_text="Shown before each amount on the buttons, e.g. $, £ or €.",
    )
    amount_parameter = models.CharField(
        max_length=30,
        default="amount",
        blank=True,
        help_text="The name your processor uses for a preset amount in its address "
        "(ActBlue and Donorbox: “amount”). Leave empty if it takes none.",
    )

    content_panels = [
        *ActionPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("donation_url"),
                FieldRowPanel([FieldPanel("suggested_amounts"), FieldPanel("currency_symbol")]),
                FieldPanel("amount_parameter"),
            ],
            heading="Donation processor",
        ),
        FieldPanel("share_text"),
    ]

    template = "actions/donate_page.html"
    kind_label = "Donate"
    verb = "Donate"

    class Meta:
        verbose_name = "donation appeal"

    def processor_url(self, request=None):
        if self.donation_url:
            return self.donation_url
        from .settings import ActionSettings

        if request is not None:
            return ActionSettings.for_request(request).donation_url  # a preview's, if previewed
        return ActionSettings.for_site(self.get_site()).donation_url

    def amount_links(self, request=None):
        """(label, address) for each suggested amount, then “Other amount”."""
        base = self.processor_url(request)
        if not base:
            return []
        links = []
        for amount in (a.strip() for a in self.suggested_amounts.split(",") if a.strip()):
            url = base
            if self.amount_parameter:
                scheme, netloc, path_, query, fragment = urlsplit(base)
                extra = urlencode({self.amount_parameter: amount})
                url = urlunsplit(
                    (scheme, netloc, path_, f"{query}&{extra}" if query else extra, fragment)
                )
            links.append((f"{self.currency_symbol}{amount}", url))
        links.append(("Other amount", base))
        return links

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["amount_links"] = self.amount_links(request)
        return context
