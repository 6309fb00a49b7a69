"""Deleting a page that supporters sent something to: what they sent is kept
(signatures and sign-up answers, with the page's title), so staff are told
before they delete it, and such pages are never deleted in bulk."""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.urls import reverse

from wagtail.admin import messages

from ..models import (
    ActionPage,
    LetterCompletion,
    LetterPage,
    PetitionPage,
    Signature,
    SignUpPage,
    SignUpSubmission,
)
from .permissions import can_see_supporter_data


def supporters_below(pages):
    """How many signatures, sign-up submissions and letters were sent to
    `pages` or the pages below them: three queries."""
    below = reduce(or_, (Q(path__startswith=page.path) for page in pages))
    return {
        "signatures": Signature.objects.filter(action__in=PetitionPage.objects.filter(below)),
        "submissions": SignUpSubmission.objects.filter(page__in=SignUpPage.objects.filter(below)),
        "letters": LetterCompletion.objects.filter(action__in=LetterPage.objects.filter(below)),
    }


def warn_before_deleting_supporters_pages(request, page):
    """On the delete confirmation of a page that supporters signed or
    answered (or one above such pages): say what is kept and what goes."""
    if request.method != "GET":
        return
    sent = {kind: queryset.count() for kind, queryset in supporters_below([page]).items()}
    kept = []
    if sent["signatures"]:
        kept.append(f"{sent['signatures']:,} signature{pluralize(sent['signatures'])}")
    if sent["submissions"]:
        kept.append(f"{sent['submissions']:,} sign-up answer{pluralize(sent['submissions'])}")
    if not kept and not sent["letters"]:
        return
    parts = []
    where = "this page" if page.is_leaf() else "this page or the pages below it"
    if kept:
        parts.append(
            f"Supporters sent {' and '.join(kept)} to {where}. They are kept after it is "
            "deleted, with its title, under Supporters (Signatures, Form answers)."
        )
    if sent["letters"]:
        parts.append(
            f"The count of {sent['letters']:,} letter{pluralize(sent['letters'])} written "
            "goes with the page."
        )
    parts.append("To take it off the site and keep everything, unpublish it instead.")
    buttons = []
    if (
        sent["signatures"]
        and isinstance(page, ActionPage)
        and page.counts_signatures
        and can_see_supporter_data(request.user)
    ):
        listing = reverse("signatures:index")
        buttons.append(messages.button(f"{listing}?action={page.pk}", "See the signatures"))
    messages.warning(request, " ".join(parts), buttons=buttons)


def refuse_bulk_deleting_supporters_pages(request, pages, next_url):
    """Bulk deletion has no place for the warning above: pages that supporters
    signed or answered are deleted one at a time, where it is shown."""
    sent = supporters_below(pages)
    if not (sent["signatures"].exists() or sent["submissions"].exists()):
        return None
    messages.error(
        request,
        "Nothing was deleted: supporters signed or answered some of these pages. "
        "Delete those one at a time, to see what happens to what they sent.",
    )
    return redirect(next_url)
