"""The signed stamp an action form carries: which page showed the form, and
when. The submit view refuses a stamp that is forged, for another page or
older than ACTION_STAMP_MAX_AGE, and one younger than a person takes to fill
the form in (see actions.forms.EnvelopeForm.too_fast).

A page is cached whole, by the app and by the edge, so its HTML never holds
a stamp: it holds a marker, which actions.middleware.FormStampMiddleware
replaces on every request with the hidden inputs and a stamp of that moment
(or with an ESI include that the edge fills from actions.views.envelope). Each
visitor's clock starts when they were served the page, cache or not.

Plain string work and one HMAC: the middleware runs this on every cached hit,
so nothing here touches the database or a template."""

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.safestring import mark_safe

from core.sharing import utm_value

SALT = "actions.form-stamp"
# Written into a stamp given back with a form after a quick first send: the
# visitor was asked once to press again, and is not asked twice.
ASKED_ONCE = "asked"
MARKER_PREFIX = b"<!--action-envelope:"
MARKER_SUFFIX = b"-->"
# A page id as it may appear in a marker or an address: digits, more than a
# page's integer primary key ever has.
MAX_ID_DIGITS = 11


@dataclass(frozen=True)
class Stamp:
    page_id: int
    asked_once: bool
    age: float  # seconds since the form was shown


class _Signer(signing.Signer):
    """Django's Signer, its signatures the same bytes, with each key's HMAC
    prepared once per process: a cached page's hit signs a stamp for every
    visitor, and deriving the key and building the HMAC each time cost as much
    as the rest of the hit's own work (bench/load.py's petition)."""

    def signature(self, value, key=None):
        mac = _prepared_hmac(self.salt, key or self.key).copy()
        mac.update(value.encode())
        return signing.b64_encode(mac.digest()).decode()


@lru_cache(maxsize=8)
def _prepared_hmac(salt, key):
    # As django.utils.crypto.salted_hmac derives it, for Signer's "signer" salt.
    derived = hashlib.sha256(f"{salt}signer{key}".encode()).digest()
    return hmac.new(derived, digestmod=hashlib.sha256)


@lru_cache(maxsize=1)
def _signer():
    # Made on first use, not at import: the keys are settings.
    return _Signer(salt=SALT, algorithm="sha256")


@receiver(setting_changed)
def _forget_the_signer(setting, **kwargs):
    if setting in ("SECRET_KEY", "SECRET_KEY_FALLBACKS"):
        _signer.cache_clear()


def make(page_id, *, asked_once=False, at=None):
    """A stamp for page `page_id`'s form, shown at `at` (a Unix time; now).
    A few random characters make each visitor's stamp their own, even two
    served the same page in the same second."""
    when = int(time.time() if at is None else at)
    value = f"{int(page_id)}:{when}:{secrets.token_urlsafe(6)}"
    return _signer().sign(f"{ASKED_ONCE}:{value}" if asked_once else value)


def read(value):
    """The Stamp in `value`, or None when it is missing, malformed or forged.
    Whether it is too old or for the right page is the caller's question."""
    try:
        value = _signer().unsign(value or "")
    except signing.BadSignature:
        return None
    asked_once = value.startswith(f"{ASKED_ONCE}:")
    parts = value.removeprefix(f"{ASKED_ONCE}:").split(":")
    if len(parts) != 3 or not (parts[0].isdigit() and parts[1].isdigit()):
        return None
    return Stamp(int(parts[0]), asked_once, time.time() - int(parts[1]))


def is_current(stamp):
    """Young enough to honour: a stamp harvested once must not serve for ever."""
    return 0 <= stamp.age < settings.ACTION_STAMP_MAX_AGE


def source_from(value):
    """The `from` link parameter as an attribution: a page id, or nothing."""
    value = value or ""
    return value if value.isdigit() and len(value) <= MAX_ID_DIGITS else ""


def marker(page_id):
    """What a cached page holds where its form's stamp goes."""
    return mark_safe(f"<!--action-envelope:{int(page_id)}-->")  # noqa: S308 (an int)


def hidden_inputs(page_id, source="", platform=""):
    """The hidden `shown`, `source` and `platform` inputs, freshly stamped,
    written as EnvelopeForm's own fields render them. `source` is digits
    only, `platform` a normalised utm value (core.sharing): neither needs
    escaping."""
    source, platform = source_from(source), utm_value(platform)
    source = f' value="{source}"' if source else ""
    platform = f' value="{platform}"' if platform else ""
    return (
        f'<input type="hidden" name="shown" value="{make(page_id)}" id="id_shown">'
        f'<input type="hidden" name="source"{source} id="id_source">'
        f'<input type="hidden" name="platform"{platform} id="id_platform">'
    )
