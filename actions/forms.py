"""The forms supporters fill in. Every field has a length limit, and every
action form travels with an `EnvelopeForm`: the honeypot, the time the form
was shown, and the page that sent the visitor."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import RegexValidator
from django.db import IntegrityError, transaction

from wagtail.models import Page

from .delivery import signature_saved
from .models import ConsentStatement, Signature
from .models.letter import LETTER_MAX_LENGTH

_signer = signing.Signer(salt="actions.form-shown-at")
# A stamp that says the visitor was already asked once to send the form again
# after a quick first try, and when: it is honoured for this long.
ASKED_ONCE_PREFIX = "asked:"
ASKED_ONCE_VALID_SECONDS = 24 * 60 * 60

NO_LINKS = RegexValidator(
    r"(?i)(://|www\.|[<>\x00-\x1f])",
    inverse_match=True,
    message="Please enter just your name, without links or special characters.",
)
NO_CONTROL_CHARACTERS = RegexValidator(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f]",
    inverse_match=True,
    message="The text contains characters that can’t be stored.",
)
POSTCODE = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 \-]{1,10}$",
    message="Enter a postcode or ZIP code, like 10001 or SW1A 1AA.",
)


class EnvelopeForm(forms.Form):
    """Hidden fields that every action form carries."""

    # A field people never see (hidden by CSS and from assistive technology)
    # that naive bots fill in.
    fax = forms.CharField(required=False, max_length=200, label="Leave this field empty")
    shown = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    source = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    @classmethod
    def for_request(cls, request):
        """For a form being shown: stamped now, attributed to the `from` link
        parameter; when re-shown after an error, as it was submitted."""
        if request.method == "POST":
            data = request.POST.copy()
            return cls(initial={"source": data.get("source"), "shown": data.get("shown")})
        source = request.GET.get("from", "")
        return cls(initial={"source": source if source.isdigit() and len(source) < 12 else None})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("shown", None)
        if not self.initial["shown"]:
            self.initial["shown"] = _signer.sign(str(int(time.time())))

    @property
    def is_bot(self):
        return bool(self.data.get("fax"))

    def _stamp(self):
        """(asked once?, seconds since stamped), or None if the stamp is missing or forged."""
        try:
            value = _signer.unsign(self.data.get("shown", ""))
            asked = value.startswith(ASKED_ONCE_PREFIX)
            stamped = int(value.removeprefix(ASKED_ONCE_PREFIX))
        except (signing.BadSignature, ValueError):
            return None
        return asked, time.time() - stamped

    @property
    def too_fast(self):
        """Sent sooner after the form was shown than a person types, and not
        sent again after being asked once: autofill is quick, so a person who
        was asked once may be quick again."""
        stamp = self._stamp()
        if stamp is None:
            return True
        asked, seconds = stamp
        if asked:
            return not 0 <= seconds < ASKED_ONCE_VALID_SECONDS
        return seconds < settings.ACTION_MIN_FILL_SECONDS

    def ask_once_more(self):
        """The envelope for the form shown again after a quick send. A genuine
        stamp becomes an “asked once” stamp, so that the next send goes
        through however quick; a missing or forged one is simply renewed, so a
        bot posting blindly twice still gets nothing stored."""
        now = int(time.time())
        shown = _signer.sign(f"{ASKED_ONCE_PREFIX}{now}" if self._stamp() else str(now))
        return EnvelopeForm(initial={"source": self.data.get("source"), "shown": shown})

    def source_page_id(self):
        """The sending page's id if it is a real page; attribution is a nicety
        that must never cost a signature."""
        if not self.is_valid() or not self.cleaned_data["source"]:
            return None
        page_id = self.cleaned_data["source"]
        return page_id if Page.objects.filter(pk=page_id).exists() else None


class SignatureForm(forms.ModelForm):
    """A signature on a petition or pledge. Saving a repeat signature is not an
    error: the supporter sees the same thank-you and nothing is counted twice."""

    first_name = forms.CharField(max_length=100, validators=[NO_LINKS], label="First name")
    last_name = forms.CharField(max_length=100, validators=[NO_LINKS], label="Last name")
    email = forms.EmailField(max_length=254, label="Email")
    postcode = forms.CharField(max_length=12, validators=[POSTCODE], label="Postcode or ZIP")
    comment = forms.CharField(
        max_length=1000,
        required=False,
        validators=[NO_CONTROL_CHARACTERS],
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Comment (optional)",
        help_text="Seen only by our staff.",
    )
    opt_in = forms.BooleanField(required=False, label="Send me updates about this campaign")

    class Meta:
        model = Signature
        fields = ["first_name", "last_name", "email", "postcode", "comment", "opt_in"]

    def __init__(self, *args, action, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.action = action
        self.consent = ConsentStatement.current()
        if not action.allow_comment:
            del self.fields["comment"]
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["postcode"].widget.attrs["autocomplete"] = "postal-code"

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def validate_unique(self):
        # The unique constraint is checked by the database in save(), where a
        # repeat is answered like a first signature; checking it here would
        # tell anyone whether an address had signed.
        pass

    def save(self, source_page_id=None):
        """Store the signature once. Returns it, or None if the address had
        already signed (including a race lost to a simultaneous request)."""
        signature = super().save(commit=False)
        signature.action = self.action
        signature.consent = self.consent
        signature.source_page_id = source_page_id
        if settings.SUPPORTER_WEBHOOK_URL:
            signature.delivery_status = Signature.Delivery.PENDING
        try:
            with transaction.atomic():
                signature.save()
        except IntegrityError:
            if not self.action.signatures.filter(email__iexact=signature.email).exists():
                raise
            return None
        # robust: the signature is safe whatever happens to its follow-ups; a
        # failed enqueue is logged and the delivery stays pending.
        transaction.on_commit(lambda: signature_saved(signature.pk), robust=True)
        return signature


class LetterForm(forms.Form):
    name = forms.CharField(max_length=100, validators=[NO_LINKS], label="Your name")
    town = forms.CharField(
        max_length=100,
        validators=[NO_LINKS],
        label="Your town or ZIP code",
        help_text="Officials give most weight to letters from the people they represent.",
    )
    message = forms.CharField(
        max_length=LETTER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        label="Your letter",
        validators=[NO_CONTROL_CHARACTERS],
        help_text="Edit it as you like: a personal sentence makes it count for more.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
