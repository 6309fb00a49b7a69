"""Supporters' rights over their data (GDPR Art. 15, 17 and 5(1)(e)), which
Wagtail does not provide: everything held about one email address, erasing
it everywhere, and anonymising signatures kept longer than the retention
period. Used by the admin's “Supporter data requests” screen and by the
export_supporter, erase_supporter and anonymise_expired_signatures commands.

An email is matched whatever its letter case and surrounding spaces, as the
one-signature-per-address constraint matches it. Anonymising keeps each
signature's row, so that a petition's count stays true; sign-up form
submissions have no count to keep, so they are deleted."""

import json
import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.crypto import salted_hmac

from wagtail.log_actions import log
from wagtail.models import Site

from .models import Signature, SignUpSubmission

# Audit log actions (Wagtail's site history): one entry per export or erasure.
EXPORTED = "actions.supporter_data.export"
ERASED = "actions.supporter_data.erase"
LIST_EXPORTED = "actions.supporter_data.list_export"

# What an anonymised signature keeps: its petition, consent version, dates,
# source page and delivery record, and nothing that says who signed.
ANONYMOUS = {
    "first_name": "",
    "last_name": "",
    "email": None,
    "postcode": "",
    "comment": "",
    "opt_in": False,
}


def normalise_email(email):
    """The address as it is matched: trimmed. Raises ValidationError, with a
    message for staff, if it is not an email address."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            f"“{email}” is not a valid email address. Check it for typing mistakes.",
            code="invalid",
        ) from None
    return email


def supporter_reference(email):
    """A stable reference for an address, for the audit log and the file names
    of exports, that does not reveal it. Keyed with SECRET_KEY: without the key,
    nobody can test a list of addresses against the log."""
    key = normalise_email(email).lower()
    return salted_hmac("actions.privacy.supporter", key, algorithm="sha256").hexdigest()[:16]


def record(action, reference, *, by=None, **counts):
    """One audit log entry for an export or erasure about one supporter, who
    appears only as their keyed reference. It belongs to the staff member who
    made the request, since the supporter is not a record in the admin; made
    from the command line, where nobody is signed in, to the site. Either way
    only admins see it."""
    log(
        instance=by or Site.objects.get(is_default_site=True),
        action=action,
        user=by,
        title=f"Supporter {reference}",
        data={"supporter": reference, **counts},
    )


def signatures_for(email):
    return Signature.objects.filter(email__iexact=normalise_email(email))


def _mentions(value, email):
    """Whether a submitted value is the address, or holds it as a whole address
    in longer text (“ann@example.org” must not match “joann@example.org”)."""
    if isinstance(value, list):
        return any(_mentions(item, email) for item in value)
    if not isinstance(value, str):
        return False
    pattern = rf"(?<![\w.+\-]){re.escape(email)}(?![\w\-]|\.\w)"
    return re.search(pattern, value, flags=re.IGNORECASE) is not None


def submissions_for(email):
    """Form submissions (sign-up forms) with the address in any answer. The
    database narrows them down by the JSON text; each answer is then checked."""
    email = normalise_email(email)
    candidates = SignUpSubmission.objects.select_related("page").order_by("submit_time", "pk")
    # JSON escapes quotes, backslashes and (on SQLite) non-ASCII characters, so
    # the stored text holds such an address differently: check every submission.
    if email.isascii() and not re.search(r'["\\]', email):
        candidates = candidates.filter(form_data__icontains=email)
    return [
        submission
        for submission in candidates.iterator()
        if any(_mentions(value, email) for value in submission.form_data.values())
    ]


def _page(page):
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "url": page.full_url}


def supporter_data(email):
    """Everything held about `email`, ready for json.dumps: every signature,
    with the consent wording agreed to and when, and every sign-up form
    submission that holds the address. Letters and donations keep no personal
    data on this site, so they never appear."""
    email = normalise_email(email)
    signatures = signatures_for(email).select_related("action", "consent", "source_page")
    return {
        "email": email,
        "generated_at": timezone.now().isoformat(),
        "signatures": [
            {
                "action": _page(signature.action) or {"title": signature.action_title},
                "signed_at": signature.created_at.isoformat(),
                "first_name": signature.first_name,
                "last_name": signature.last_name,
                "email": signature.email,
                "postcode": signature.postcode,
                "comment": signature.comment,
                "wants_updates": signature.opt_in,
                "language": signature.language,
                "consent": {
                    "version": signature.consent.version,
                    "language": signature.consent.language,
                    "text": signature.consent.text,
                    "agreed_at": signature.created_at.isoformat(),
                },
                "came_from": _page(signature.source_page),
                "came_by_a_link_shared_on": signature.source_platform,
                "sent_to_crm": signature.get_delivery_status_display(),
            }
            for signature in signatures.order_by("created_at", "pk")
        ],
        "form_submissions": [
            {
                "form": _page(submission.page) or {"title": submission.form_title},
                "submitted_at": submission.submit_time.isoformat(),
                "language": submission.language,
                "answers": submission.form_data,
            }
            for submission in submissions_for(email)
        ],
    }


def as_json(data):
    """`supporter_data` as the file the supporter is sent: indented, and with
    names in any alphabet left readable."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def held_counts(email):
    """How many signatures and form submissions are held about `email`: what
    erasing it would change."""
    return {"signatures": signatures_for(email).count(), "submissions": len(submissions_for(email))}


def describe_erasure(counts, *, done=True):
    """`counts` (from `held_counts` or `erase_supporter`) in words for staff:
    “2 signatures anonymised, 1 form submission deleted”, or, before erasing,
    “… to anonymise, … to delete”."""
    anonymised, deleted = ("anonymised", "deleted") if done else ("to anonymise", "to delete")
    signatures, submissions = counts["signatures"], counts["submissions"]
    return (
        f"{signatures} signature{pluralize(signatures)} {anonymised}, "
        f"{submissions} form submission{pluralize(submissions)} {deleted}"
    )


def _anonymise(signatures, now):
    return signatures.update(**ANONYMOUS, anonymised_at=now)


def erase_supporter(email):
    """Remove `email` and the personal data that goes with it from every
    action, all or nothing. Returns the counts changed; running it again
    changes nothing."""
    email = normalise_email(email)
    with transaction.atomic():
        anonymised = _anonymise(signatures_for(email), timezone.now())
        submissions = submissions_for(email)
        SignUpSubmission.objects.filter(pk__in=[s.pk for s in submissions]).delete()
    return {"signatures": anonymised, "submissions": len(submissions)}


def expired_signatures(now=None):
    """Signatures past the retention period on petitions that are closed: the
    deadline has passed, or the page is no longer live or was deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SUPPORTER_DATA_RETENTION_DAYS)
    return Signature.objects.filter(
        Q(action__deadline__lt=now) | Q(action__live=False) | Q(action__isnull=True),
        anonymised_at__isnull=True,
        created_at__lt=cutoff,
    )


def anonymise_expired(now=None):
    """Anonymise the expired signatures; returns how many."""
    now = now or timezone.now()
    return _anonymise(expired_signatures(now), now)
