"""The forms supporters fill in. Every field has a length limit, and every
action form travels with an `EnvelopeForm`: the honeypot, the stamp of when
and where the form was shown (actions.stamps), and the page that sent the
visitor."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from core import languages
from core.sharing import TAG_LENGTH, utm_value

from . import stamps
from .delivery import signature_saved
from .models import ConsentStatement, Signature
from .models.letter import LETTER_MAX_LENGTH

NO_LINKS = RegexValidator(
    r"(?i)(://|www\.|[<>\x00-\x1f])",
    inverse_match=True,
    message=_("Please enter just your name, without links or special characters."),
)
NO_CONTROL_CHARACTERS = RegexValidator(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f]",
    inverse_match=True,
    message=_("The text contains characters that can’t be stored."),
)
POSTCODE = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 \-]{1,10}$",
    message=_("Enter a postcode or ZIP code, like 10001 or SW1A 1AA."),
)


class PlatformField(forms.CharField):
    """The utm_source of the shared link that brought the visitor, as
    core.sharing records it: junk becomes "", never an error, since
    attribution must never cost a signature."""

    widget = forms.HiddenInput

    def clean(self, value):
        return utm_value(value if isinstance(value, str) else "")


class EnvelopeForm(forms.Form):
    """Hidden fields that every action form carries, for the action page
    `page_id`."""

    # A field people never see (hidden by CSS and from assistive technology)
    # that naive bots fill in.
    fax = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))
    shown = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    source = forms.IntegerField(
        required=False,
        min_value=1,
        # A page id fits a database integer: a larger number is no page.
        max_value=10**stamps.MAX_ID_DIGITS - 1,
        widget=forms.HiddenInput,
    )
    # Its max_length sizes the request limit (actions.protection); a longer
    # value is dropped as junk, not refused (PlatformField.clean).
    platform = PlatformField(required=False, max_length=TAG_LENGTH)
    # The language the form was shown in, which the answer is handled and
    # recorded in: the same for everyone who sees that address, so a cached
    # page carries it as it is.
    language = forms.CharField(required=False, max_length=16, widget=forms.HiddenInput)

    def __init__(self, *args, page_id, stamp_later=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_id = page_id
        # A page shown by GET may be cached and served to anyone: its stamp is
        # written per request by actions.middleware, in place of `marker`.
        self.stamp_later = stamp_later
        if not stamp_later and not self.initial.get("shown"):
            self.initial["shown"] = stamps.make(page_id)
        self.initial.setdefault("language", languages.active())

    @classmethod
    def for_request(cls, request, page):
        """For `page`'s form being shown: by GET, a marker that is stamped on
        the way out; when re-shown after a POST, as it was submitted."""
        if request.method == "POST":
            data = request.POST
            initial = {key: data.get(key) for key in ("source", "platform", "shown", "language")}
            return cls(page_id=page.pk, initial=initial)
        return cls(page_id=page.pk, stamp_later=True)

    @property
    def marker(self):
        """What the template writes instead of `shown`, `source` and
        `platform`, or None
        when they carry real values."""
        return stamps.marker(self.page_id) if self.stamp_later else None

    @property
    def is_bot(self):
        return bool(self.data.get("fax"))

    def _stamp(self):
        """The submitted stamp if it is genuine, for this page and current;
        else None."""
        stamp = stamps.read(self.data.get("shown"))
        if stamp is None or stamp.page_id != self.page_id or not stamps.is_current(stamp):
            return None
        return stamp

    @property
    def too_fast(self):
        """Sent sooner after the form was shown than a person types, and not
        sent again after being asked once: autofill is quick, so a person who
        was asked once may be quick again. A stamp that is forged, for another
        page or too old counts as none at all."""
        stamp = self._stamp()
        if stamp is None:
            return True
        return not stamp.asked_once and stamp.age < settings.ACTION_MIN_FILL_SECONDS

    def ask_once_more(self):
        """The envelope for the form shown again after a quick send. A genuine
        stamp becomes an “asked once” stamp, so that the next send goes
        through however quick; a missing, forged, stale or borrowed one is
        simply renewed, so a bot posting blindly twice still gets nothing
        stored."""
        shown = stamps.make(self.page_id, asked_once=self._stamp() is not None)
        initial = {
            "source": self.data.get("source"),
            "platform": self.source_platform(),
            "shown": shown,
            "language": self.language_shown(),
        }
        return EnvelopeForm(page_id=self.page_id, initial=initial)

    def language_shown(self):
        """The language the form was shown in, as the site names it; None when
        the form did not say (a page cached before forms carried it)."""
        shown = self.data.get("language")
        return languages.supported(shown) if shown else None

    def source_page_id(self):
        """The sending page's id if it is a real page; attribution is a nicety
        that must never cost a signature."""
        if not self.is_valid() or not self.cleaned_data["source"]:
            return None
        page_id = self.cleaned_data["source"]
        return page_id if Page.objects.filter(pk=page_id).exists() else None

    def source_platform(self):
        """The platform of the shared link that brought the visitor (its
        utm_source), or "": read whatever else the envelope holds."""
        return self.fields["platform"].clean(self.data.get("platform"))


class ShownField(forms.CharField):
    """A hidden field that says what the form showed. Written with what the
    form shows now (its initial), also when the form is shown again after a
    post, and never refused itself: the form reads what was sent."""

    widget = forms.HiddenInput

    def bound_data(self, data, initial):
        return initial

    def clean(self, value):
        return value


class SignatureForm(forms.ModelForm):
    """A signature on a petition or pledge. Saving a repeat signature is not an
    error: the supporter sees the same thank-you and nothing is counted twice."""

    first_name = forms.CharField(max_length=100, validators=[NO_LINKS], label=_("First name"))
    last_name = forms.CharField(max_length=100, validators=[NO_LINKS], label=_("Last name"))
    email = forms.EmailField(max_length=254, label=_("Email"))
    postcode = forms.CharField(max_length=12, validators=[POSTCODE], label=_("Postcode or ZIP"))
    comment = forms.CharField(
        max_length=1000,
        required=False,
        validators=[NO_CONTROL_CHARACTERS],
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Comment (optional)"),
        help_text=_("Seen only by our staff."),
    )
    opt_in = forms.BooleanField(required=False, label=_("Send me updates about this campaign"))
    # The consent wording the form showed (ConsentStatement.shown_as), which
    # the signature records: not always the current one, on a cached page.
    consent_shown = ShownField(required=False, max_length=100)

    class Meta:
        model = Signature
        fields = ["first_name", "last_name", "email", "postcode", "comment", "opt_in"]

    def __init__(self, *args, action, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.action = action
        # What the signer reads is what their signature records: the form is
        # built, shown and saved in the language active for the request.
        self.language = languages.active()
        self.consent, self.consent_changed = self._consent_shown()
        if self.consent is not None:
            self.fields["consent_shown"].initial = self.consent.shown_as(self.language)
        if not action.allow_comment:
            del self.fields["comment"]
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["postcode"].widget.attrs["autocomplete"] = "postal-code"

    def _consent_shown(self):
        """The wording the form shows, and whether it differs from the one the
        signer was shown: a version since deleted, or a token forged or from
        a form in another language. Then the current wording is shown, and
        the signer asked to read it and send again (see `clean`)."""
        current = ConsentStatement.current(self.language)
        token = self.data.get("consent_shown") if self.is_bound else None
        if not token:
            # Not sent (a page cached before forms said which wording they
            # showed, for a minute after a release): the current one.
            return current, False
        shown = ConsentStatement.shown_in(token, self.language)
        return (current, True) if shown is None else (shown, False)

    def clean(self):
        cleaned_data = super().clean()
        if self.consent_changed:
            raise ValidationError(
                gettext(
                    "What you agree to by signing has changed since this page was opened. "
                    "Please read it below the form and press “%(button)s” again."
                )
                % {"button": self.action.submit_label},
                code="consent_changed",
            )
        return cleaned_data

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def validate_unique(self):
        # The unique constraint is checked by the database in save(), where a
        # repeat is answered like a first signature; checking it here would
        # tell anyone whether an address had signed.
        pass

    def save(self, source_page_id=None, source_platform=""):
        """Store the signature once. Returns it, or None if the address had
        already signed (including a race lost to a simultaneous request)."""
        signature = super().save(commit=False)
        signature.action = self.action
        signature.consent = self.consent
        signature.language = self.language
        signature.source_page_id = source_page_id
        signature.source_platform = utm_value(source_platform)
        if settings.SUPPORTER_WEBHOOK_URL:
            signature.delivery_status = Signature.Delivery.PENDING
        try:
            with transaction.atomic():
                signature.save()
        except IntegrityError:
            # Signed before, on this page or on one of its translations.
            signed = Signature.objects.filter(
                campaign=self.action.translation_key, email__iexact=signature.email
            )
            if not signed.exists():
                raise
            return None
        # robust: the signature is safe whatever happens to its follow-ups; a
        # failed enqueue is logged and the delivery stays pending.
        transaction.on_commit(lambda: signature_saved(signature.pk), robust=True)
        return signature


class LetterForm(forms.Form):
    name = forms.CharField(max_length=100, validators=[NO_LINKS], label=_("Your name"))
    town = forms.CharField(
        max_length=100,
        validators=[NO_LINKS],
        label=_("Your town or ZIP code"),
        help_text=_("Officials give most weight to letters from the people they represent."),
    )
    message = forms.CharField(
        max_length=LETTER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        label=_("Your letter"),
        validators=[NO_CONTROL_CHARACTERS],
        help_text=_("Edit it as you like: a personal sentence makes it count for more."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
