"""What happens after a supporter acts, in background tasks on the
"supporters" backend (the database in production, run by the Procfile's
worker): the confirmation email, the optional webhook to the organisation's
CRM, and staff notifications from sign-up forms. None of it can slow down or
fail the visitor's request, and failures are retried with backoff."""

import hashlib
import hmac
import http.client
import json
import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import ActionSettings, Signature

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 7
TIMEOUT_SECONDS = 10


def backoff(attempt):
    """Seconds before the next try: 30 s, 2 min, 8 min, 32 min, then every 2 h
    (with the default base), so that a CRM down for an afternoon still gets
    everything."""
    return min(settings.SUPPORTER_RETRY_BASE_SECONDS * 4 ** (attempt - 1), 2 * 3600)


def retry_later(bound_task, attempt, *args):
    """Enqueue `bound_task` again after the backoff for `attempt`; False once
    the attempts are used up."""
    if attempt >= MAX_ATTEMPTS:
        return False
    run_after = timezone.now() + timedelta(seconds=backoff(attempt))
    bound_task.using(run_after=run_after).enqueue(*args, attempt + 1)
    return True


def signature_saved(signature_id):
    """Queue the follow-ups of a new signature; called once it is committed."""
    send_confirmation.enqueue(signature_id, 1)
    if settings.SUPPORTER_WEBHOOK_URL:
        deliver_signature.enqueue(signature_id, 1)


def idempotency_key(signature):
    """The same for every attempt to deliver `signature`, and never for
    another one (even after a database restored from a backup reuses its id):
    a receiver that has seen it before acknowledges the repeat and keeps
    nothing. Sent in the signed body and as the Idempotency-Key header."""
    return f"signature-{signature.pk}-{signature.created_at:%Y%m%dT%H%M%S%f}"


def webhook_payload(signature):
    action, source = signature.action, signature.source_page
    return {
        "event": "signature.created",
        "id": signature.pk,
        "idempotency_key": idempotency_key(signature),
        "signed_at": signature.created_at.isoformat(),
        "action": (
            {"id": action.pk, "title": action.title, "url": action.full_url}
            if action
            else {"id": None, "title": signature.action_title, "url": None}  # page deleted
        ),
        "first_name": signature.first_name,
        "last_name": signature.last_name,
        "email": signature.email,
        "postcode": signature.postcode,
        "comment": signature.comment,
        "opt_in": signature.opt_in,
        "language": signature.language,
        "consent": {
            "version": signature.consent_id,
            "language": signature.consent.language,
            "text": signature.consent.text,
        },
        "source": {"id": source.pk, "title": source.title} if source else None,
    }


def sign(body, timestamp, secret):
    """HMAC-SHA256 over "<timestamp>.<body>": the receiver recomputes it with the
    shared secret and rejects old timestamps, so a request can be neither
    forged nor replayed."""
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirected POST would arrive as a GET without the data: treat it as a failure.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post_json(url, payload, secret, delivery_id, key):
    body = json.dumps(payload, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 (the operator's own https/http URL)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "reform-campaign-webhook/1",
            "X-Campaign-Delivery": str(delivery_id),
            # Covered by the signature: it is the body's idempotency_key too.
            "Idempotency-Key": key,
            "X-Campaign-Timestamp": timestamp,
            "X-Campaign-Signature": sign(body, timestamp, secret),
        },
    )
    with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
        return response.status


def failure_reason(error):
    """Why a delivery failed, in words staff can act on: an HTTP answer with its
    status (a redirect is one: it is never followed), otherwise the network
    error, or the malformed answer that http.client could not read."""
    if isinstance(error, urllib.error.HTTPError):
        error.close()
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, http.client.HTTPException):
        return f"invalid HTTP answer ({error!r})"
    return getattr(error, "reason", None) or error


@task(backend="supporters")
def deliver_signature(signature_id, attempt):
    """Push one signature to the webhook; on failure, record why and retry."""
    signature = (
        Signature.objects.select_related("action", "consent", "source_page")
        .filter(pk=signature_id)
        .first()
    )
    if (
        signature is None
        or signature.anonymised_at
        or signature.delivery_status == Signature.Delivery.DELIVERED
        or not settings.SUPPORTER_WEBHOOK_URL
    ):
        return
    signature.delivery_attempts = attempt
    try:
        post_json(
            settings.SUPPORTER_WEBHOOK_URL,
            webhook_payload(signature),
            settings.SUPPORTER_WEBHOOK_SECRET,
            delivery_id=signature.pk,
            key=idempotency_key(signature),
        )
    except (OSError, http.client.HTTPException) as error:
        reason = failure_reason(error)
        signature.delivery_error = f"Attempt {attempt}: {reason}"[:300]
        with transaction.atomic():
            retrying = retry_later(deliver_signature, attempt, signature_id)
            signature.delivery_status = (
                Signature.Delivery.RETRYING if retrying else Signature.Delivery.FAILED
            )
            signature.save(update_fields=["delivery_status", "delivery_attempts", "delivery_error"])
        logger.warning("Webhook delivery of signature %s failed: %s", signature_id, reason)
        return
    signature.delivery_status = Signature.Delivery.DELIVERED
    signature.delivered_at = timezone.now()
    signature.delivery_error = ""
    signature.save(
        update_fields=["delivery_status", "delivery_attempts", "delivered_at", "delivery_error"]
    )


def confirmation(signature, action):
    """The email thanking the signer, in the language they signed in (the
    worker has no request to take it from), with the petition they signed,
    which is in that language, and the consent wording they agreed to."""
    with translation.override(signature.language):
        privacy_page = ActionSettings.for_site(action.get_site()).privacy_page
        # The privacy page in the signer's language, where it is translated.
        privacy_page = privacy_page.localized if privacy_page else None
        context = {
            "signature": signature,
            "action": action,
            "privacy_url": privacy_page.full_url if privacy_page else None,
        }
        return EmailMessage(
            render_to_string("actions/email/confirmation_subject.txt", context).strip(),
            render_to_string("actions/email/confirmation.txt", context),
            None,
            [signature.email],
            headers={"Content-Language": signature.language},
        )


@task(backend="supporters")
def send_confirmation(signature_id, attempt):
    """Thank the signer by email, with how to withdraw."""
    signature = (
        Signature.objects.select_related("action", "consent").filter(pk=signature_id).first()
    )
    # Nothing to thank for once the petition's page is gone.
    if signature is None or not signature.email or signature.action is None:
        return
    action = signature.action
    try:
        confirmation(signature, action).send()
    except OSError as error:
        logger.warning("Confirmation email for signature %s failed: %s", signature_id, error)
        if not retry_later(send_confirmation, attempt, signature_id):
            raise


@task(backend="supporters")
def send_form_notification(subject, body, from_address, to, attempt=1):
    """Tell staff about a sign-up form submission (Wagtail's form email)."""
    try:
        send_mail(subject, body, from_address or None, to)
    except OSError as error:
        logger.warning("Form notification email failed: %s", error)
        if attempt >= MAX_ATTEMPTS:
            raise
        send_form_notification.using(
            run_after=timezone.now() + timedelta(seconds=backoff(attempt))
        ).enqueue(subject, body, from_address, to, attempt + 1)
