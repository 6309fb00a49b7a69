from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext, pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from core import languages
from core.sharing import TAG_LENGTH

from .base import ActionPage, Tally


class PetitionPage(RoutablePageMixin, ActionPage):
    """A petition or pledge: supporters sign once each, the count is shown
    against a goal, and signing leads on to sharing, donating or another action."""

    class Kind(models.TextChoices):
        PETITION = "petition", pgettext_lazy("kind of action", "Petition")
        PLEDGE = "pledge", pgettext_lazy("kind of action", "Pledge")

    kind = models.CharField(
        max_length=10,
        choices=Kind.choices,
        default=Kind.PETITION,
        help_text="A petition asks someone in power to act; a pledge is a promise "
        "supporters make themselves. It changes the wording of the form.",
    )
    target = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who the petition is addressed to, e.g. “Governor of Texas”. "
        "Leave empty for a pledge.",
    )
    statement = models.TextField(
        max_length=3000,
        help_text="The words supporters put their name to, exactly as they will be delivered.",
    )
    goal = models.PositiveIntegerField(
        default=1000,
        help_text="How many signatures you are aiming for. The progress bar counts towards it.",
    )
    deadline = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Optional. After it, the form closes and says so; signatures are kept.",
    )
    allow_comment = models.BooleanField(
        default=False,
        help_text="Offer an optional comment box. Comments are seen only by staff who may "
        "see supporters’ data.",
    )

    search_fields = [*ActionPage.search_fields, index.SearchField("statement")]
    content_panels = [
        *ActionPage.content_panels,
        FieldPanel("kind"),
        FieldPanel("target"),
        FieldPanel("statement"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("goal"),
                        FieldPanel(
                            "deadline",
                            # Named when the form is shown: the zone the admin
                            # reads the time in, never a guess.
                            help_text=format_lazy(
                                "Optional, in {} time. After it, the form closes and says so; "
                                "signatures are kept.",
                                lazy(timezone.get_current_timezone_name, str)(),
                            ),
                        ),
                    ]
                ),
                FieldPanel("allow_comment"),
            ],
            heading="Signing",
        ),
        *ActionPage.after_panels,
    ]

    template = "actions/petition_page.html"
    kind_label = pgettext_lazy("kind of action", "Petition")
    tally = Tally("signatures", "created_at", "signatures")
    counts_signatures = True
    # The count beside the form may be this old, in the app's cache and at the
    # edge together (the edge counts the app copy's Age), plus a quarter of it
    # served stale while revalidating: under a minute.
    cache_seconds = 45

    class Meta:
        verbose_name = pgettext_lazy("kind of page", "petition or pledge")

    @property
    def verb(self):
        if self.kind == self.Kind.PLEDGE:
            return pgettext("call to action", "Take the pledge")
        return pgettext("call to action", "Sign the petition")

    # The kind with its article, for sentences: in Spanish the article
    # follows the noun's gender (“la petición”, “el compromiso”).
    @property
    def the_kind(self):
        if self.kind == self.Kind.PLEDGE:
            return pgettext("in a sentence", "the pledge")
        return pgettext("in a sentence", "the petition")

    @property
    def this_kind(self):
        if self.kind == self.Kind.PLEDGE:
            return pgettext("in a sentence", "this pledge")
        return pgettext("in a sentence", "this petition")

    @property
    def submit_label(self):
        return self.verb

    @property
    def ask_once_more_message(self):
        return gettext(
            "To protect %(this_kind)s from automated signing, please check your details "
            "and press “%(button)s” again."
        ) % {"this_kind": self.this_kind, "button": self.submit_label}

    @property
    def is_open(self):
        return self.deadline is None or timezone.now() < self.deadline

    def signature_count(self):
        """Always the number of rows: duplicates are never stored, so the count
        can't drift from the signatures staff can see. One total for the
        petition in every language: its translations share its
        translation_key, which each signature keeps as its `campaign`."""
        return Signature.objects.filter(campaign=self.translation_key).count()

    def action_form(self, data=None):
        # Imported here, not at the top: actions.forms builds its forms from these
        # models, so it can only load once actions.models has.
        from actions.forms import SignatureForm

        return SignatureForm(data, action=self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["signature_count"] = self.signature_count()
        return context

    @path("")
    def form_view(self, request):
        # RoutablePageMixin answers its routes without SharedPage.serve().
        return self.shared_for(request, self.respond(request))

    @path("thanks/")
    def thanks_view(self, request):
        # The signer's own page, with a count that includes their signature:
        # never kept by a shared cache, nor by the browser for a reload. In
        # the petition's language, as its share text is, whatever the address.
        with translation.override(self.content_language):
            response = self.respond(request, template="actions/thanks.html").render()
        add_never_cache_headers(response)
        return response

    def thank_you_response(self, request):
        # Post/redirect/get: reloading the thank-you never resubmits. The
        # fragment opens it on its heading, and stops the browser carrying the
        # form's own fragment (#error-summary) over to the thank-you's address.
        return redirect(self.url + self.reverse_subpage("thanks_view") + "#thanks")

    def submit(self, request, source_page_id, source_platform=""):
        if not self.is_open:
            # Said on the page, which shows the closing date instead of the form.
            return self.respond(request, status=410)
        form = self.action_form(request.POST)
        if not form.is_valid():
            return self.respond(request, status=400, form=form)
        # A repeat signature lands here too: same thank-you, nothing counted twice.
        form.save(source_page_id=source_page_id, source_platform=source_platform)
        return self.thank_you_response(request)


class Signature(models.Model):
    """One supporter's signature on one petition, in the language they read
    it in. The database, not the code, guarantees one per email per petition
    whatever the letter case, and whichever of its languages it was signed in."""

    class Delivery(models.TextChoices):
        NOT_CONFIGURED = "off", "No webhook"
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        RETRYING = "retrying", "Retrying"
        FAILED = "failed", "Failed"

    # Signatures outlive their petition: deleting the page empties this, and
    # the petition's title is kept in `action_title` (see actions.apps).
    action = models.ForeignKey(
        PetitionPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signatures",
        help_text="The petition signed. Empty once its page has been deleted.",
    )
    action_title = models.CharField(
        "petition title",
        max_length=255,
        blank=True,
        help_text="The petition’s title, kept here when its page is deleted.",
    )
    # The petition in all its languages: its pages' shared translation_key,
    # kept when a page is deleted, so the signature still counts towards the
    # translations that remain and still stops a second one from the same
    # address. Empty only for signatures whose page was deleted before
    # languages were recorded.
    campaign = models.UUIDField(
        null=True,
        blank=True,
        editable=False,
        help_text="The petition in every language it is published in: one signature per "
        "email counts towards all of them.",
    )
    language = models.CharField(
        max_length=7,
        choices=languages.choices,
        default=languages.active,
        help_text="The language the supporter read the petition and its consent wording in.",
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    # Null once anonymised: the row still counts, but no longer says who. Null,
    # not "", because two anonymised rows must not clash on the unique rule.
    email = models.EmailField(null=True, blank=True)  # noqa: DJ001
    postcode = models.CharField("postcode or ZIP", max_length=12)
    comment = models.TextField(max_length=1000, blank=True)
    opt_in = models.BooleanField(
        "wants updates", default=False, help_text="Ticked by the supporter, never by default."
    )
    consent = models.ForeignKey(
        "actions.ConsentStatement",
        on_delete=models.PROTECT,
        related_name="signatures",
        help_text="The exact wording the supporter agreed to.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The story, explainer or page the supporter came from.",
    )
    source_platform = models.CharField(
        max_length=TAG_LENGTH,
        blank=True,
        help_text="The utm_source of the shared link that brought this supporter, e.g. "
        "“bluesky”. Empty when they came another way.",
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    delivery_status = models.CharField(
        max_length=10, choices=Delivery.choices, default=Delivery.NOT_CONFIGURED
    )
    delivery_attempts = models.PositiveSmallIntegerField(default=0)
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivery_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                "campaign", Lower("email"), name="one_signature_per_email_per_campaign"
            )
        ]
        # Supporter data requests look an address up across every action.
        indexes = [models.Index(Lower("email"), name="signature_email_lower")]
        permissions = [("view_supporter_data", "Can see supporters’ names, emails and submissions")]

    def __str__(self):
        return f"Signature {self.pk} on {self.action_id}"

    def save(self, *args, **kwargs):
        if self.campaign is None and self.action is not None:
            self.campaign = self.action.translation_key
        super().save(*args, **kwargs)

    @classmethod
    def keep_petition_title(cls, sender, instance, **kwargs):
        """Before a petition's page is deleted, write its title on its
        signatures, which are kept (pre_delete on PetitionPage)."""
        cls.objects.filter(action=instance).update(action_title=instance.title)

    @property
    def petition_title(self):
        """The petition's title, whether or not its page still exists."""
        if self.action_id is None:
            return f"{self.action_title} (deleted)" if self.action_title else "A deleted petition"
        return self.action.title

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self):
        if self.email and self.anonymised_at:
            raise ValidationError("An anonymised signature keeps no email.")
