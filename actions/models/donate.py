from urllib.parse import urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext_lazy

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin

from .base import ActionPage


def validate_amounts(value):
    parts = [part.strip() for part in value.split(",") if part.strip()]
    if not parts or not all(part.isdigit() and 0 < int(part) < 1_000_000 for part in parts):
        raise ValidationError("Enter whole amounts separated by commas, e.g. “25, 50, 100”.")


def parse_amounts(value):
    return [int(part) for part in (p.strip() for p in value.split(",")) if part.isdigit()]


def with_query(url, params):
    """`url` with `params` added to its query string, keeping what it has."""
    if not params:
        return url
    scheme, netloc, path, query, fragment = urlsplit(url)
    extra = urlencode(params)
    return urlunsplit((scheme, netloc, path, f"{query}&{extra}" if query else extra, fragment))


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
        help_text="Amounts offered as buttons for a one-off gift, separated by commas.",
    )
    currency_symbol = models.CharField(
        max_length=3,
        default="$",
        help_text="Shown before each amount on the buttons, e.g. $, £ or €.",
    )
    monthly_amounts = models.CharField(
        max_length=60,
        blank=True,
        validators=[validate_amounts],
        help_text="Amounts offered for a monthly gift, separated by commas, e.g. “10, 25, 50”. "
        "Leave empty to offer one-off gifts only.",
    )
    monthly_parameter = models.CharField(
        max_length=60,
        blank=True,
        validators=[
            RegexValidator(
                r"^[\w.\-]+=[\w.\-]+$",
                message="Enter it as name=value, e.g. “recurring=monthly”.",
            )
        ],
        help_text="What your processor needs in its address to make a gift monthly, as "
        "name=value, e.g. “recurring=monthly”: see its help on preset links.",
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
                FieldRowPanel([FieldPanel("monthly_amounts"), FieldPanel("monthly_parameter")]),
            ],
            heading="Donation processor",
        ),
        InlinePanel(
            "gift_impacts",
            heading="What a gift does",
            label="Amount",
            help_text="Say what an amount pays for: it is what moves people to give.",
        ),
        FieldPanel("share_text"),
    ]

    template = "actions/donate_page.html"
    kind_label = pgettext_lazy("kind of action", "Donate")
    verb = pgettext_lazy("call to action", "Donate")

    class Meta:
        verbose_name = pgettext_lazy("kind of page", "donation appeal")

    def processor_url(self, request=None):
        if self.donation_url:
            return self.donation_url
        # Imported here, not at the top: ActionSettings (settings.py) imports the
        # action kinds, so it loads after them.
        from .settings import ActionSettings

        if request is not None:
            return ActionSettings.for_request(request).donation_url  # a preview's, if previewed
        return ActionSettings.for_site(self.get_site()).donation_url

    def amount_links(self, request=None, *, monthly=False):
        """(label, address) for each suggested amount, then “Other amount”: for
        a one-off gift, or a monthly one (none if the page offers none)."""
        base = self.processor_url(request)
        amounts = parse_amounts(self.monthly_amounts if monthly else self.suggested_amounts)
        if not base or not amounts:
            return []
        extra = (
            dict([self.monthly_parameter.split("=", 1)])
            if monthly and self.monthly_parameter
            else {}
        )
        # Translators: a monthly gift's amount, as “$25”.
        per = gettext("%(amount)s a month") if monthly else "%(amount)s"
        links = [
            (
                per % {"amount": self.format_amount(amount)},
                with_query(
                    base,
                    {**({self.amount_parameter: amount} if self.amount_parameter else {}), **extra},
                ),
            )
            for amount in amounts
        ]
        links.append((gettext("Other amount"), with_query(base, extra)))
        return links

    def format_amount(self, amount):
        """“$1,000”: the currency and the locale's thousands separator."""
        return f"{self.currency_symbol}{number_format(amount, force_grouping=True)}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["amount_links"] = self.amount_links(request)
        context["monthly_links"] = self.amount_links(request, monthly=True)
        return context


class GiftImpact(TranslatableMixin, Orderable):
    """What one amount pays for, shown beside the amounts: “$25 pays for a
    records request”. Translatable, so that a translation of the page keeps
    its descriptions through a sync (the amount is copied from the source)."""

    page = ParentalKey(DonatePage, on_delete=models.CASCADE, related_name="gift_impacts")
    amount = models.PositiveIntegerField(help_text="The amount, without the currency, e.g. 25.")
    description = models.CharField(
        max_length=120,
        help_text="What it pays for, completing the sentence “$25 …”, e.g. “pays for a "
        "records request”.",
    )

    panels = [FieldRowPanel([FieldPanel("amount"), FieldPanel("description")])]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass

    def __str__(self):
        return f"{self.page.format_amount(self.amount)} {self.description}"
