"""Links to the site shared on other platforms, and the utm tags that say
where a reader (and so a signer) came from: one normalisation for every
place that reads them, the view counter (impact.beacon) and the action forms
(actions.stamps), so that “Bluesky” counted as a view and “bluesky” recorded
on a signature are the same platform on the dashboard."""

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _

# The longest utm value kept; a longer one is junk, and is dropped, not cut.
TAG_LENGTH = 50
# utm values as campaigns write them (lower-cased, spaces as hyphens); any
# other character makes the value junk, dropped so that it can't fill a table.
TAG = re.compile(rf"[a-z0-9][a-z0-9._+-]{{0,{TAG_LENGTH - 1}}}")


def utm_value(value):
    """`value` (a utm_source or utm_campaign as a link carried it) as it is
    counted and recorded, or "" when it is junk."""
    value = "-".join((value or "").lower().split())
    return value if TAG.fullmatch(value) else ""


def asks_not_to_be_tracked(meta):
    """Whether the browser sends Do Not Track or Global Privacy Control (in
    the request's META): such a reader is not counted, nor is the platform
    that brought them recorded with what they send."""
    return meta.get("HTTP_DNT") == "1" or meta.get("HTTP_SEC_GPC") == "1"


def share_address(url, platform, campaign):
    """`url` as shared on `platform` (“whatsapp”, “email”…): tagged with
    utm_source and, as utm_campaign, `campaign` (the page's slug), so that the
    impact dashboard shows which platforms bring readers and signers."""
    return f"{url}?{urlencode({'utm_source': platform, 'utm_campaign': campaign})}"


@dataclass(frozen=True)
class ShareDialog:
    platform: str  # its utm_source
    label: str
    # The dialog's address, with {title}, {text} and {url} percent-encoded in.
    address: str


# Each is a plain link, opened by the reader: no script, image or request from
# the platform until they follow it.
SHARE_DIALOGS = (
    ShareDialog("email", _("Email"), "mailto:?subject={title}&body={text}%20{url}"),
    ShareDialog("whatsapp", "WhatsApp", "https://wa.me/?text={text}%20{url}"),
    ShareDialog("bluesky", "Bluesky", "https://bsky.app/intent/compose?text={text}%20{url}"),
    ShareDialog("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ShareDialog("x", "X", "https://x.com/intent/post?text={text}&url={url}"),
)


def _encoded(value):
    # As the template filter `urlencode` writes it.
    return quote(str(value), safe="/")


class Shareable:
    """For page models that offer share links (core/includes/share_links.html):
    each link shares the page's address tagged with its platform, and
    suggests the page's own words (`suggested_share_text`)."""

    def share_address(self, platform):
        return share_address(self.full_url, platform, self.slug)

    def share_links(self):
        """(label, address) of each platform's share dialog, with the page's
        address as tagged for that platform and the suggested text."""
        title, text = _encoded(self.title), _encoded(self.suggested_share_text)
        return [
            (
                dialog.label,
                dialog.address.format(
                    title=title, text=text, url=_encoded(self.share_address(dialog.platform))
                ),
            )
            for dialog in SHARE_DIALOGS
        ]

    @property
    def suggested_share_text(self):
        """The message suggested with the link: each kind of page says which."""
        raise NotImplementedError
