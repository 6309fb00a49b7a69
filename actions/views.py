from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from core.sharing import asks_not_to_be_tracked

from . import stamps
from .forms import EnvelopeForm
from .models import ActionPage, ActionSettings
from .protection import is_cross_origin, over_rate_limit, too_large


def refuse(request, status, message):
    html = render_to_string(
        "actions/refused.html", {"status": status, "message": message}, request=request
    )
    return HttpResponse(html, status=status)


@csrf_exempt  # replaced by is_cross_origin(): see actions.protection
@never_cache
def submit(request, page_id):
    """Every action form posts here. The checks run cheapest first, and none
    of them stores anything."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if is_cross_origin(request):
        return refuse(
            request, 403, _("This form can only be sent from this website. Please try again there.")
        )
    page = get_object_or_404(ActionPage.objects.live(), pk=page_id).specific
    # The limit comes from the page's own fields, so whatever they allow fits:
    # only a client that ignores them gets here (see actions.protection).
    if too_large(request, EnvelopeForm(page_id=page.pk), page.action_form()):
        return refuse(
            request,
            413,
            _(
                "That was more than this form can take, so it was not sent. Go back with your "
                "browser’s Back button, where what you typed should still be in the form, "
                "shorten the longest answer and send it again."
            ),
        )
    if over_rate_limit(request):
        return refuse(
            request,
            429,
            _(
                "Too many forms have been sent from your connection in the last few minutes. "
                "Please wait a little and try again."
            ),
        )
    envelope = EnvelopeForm(request.POST, page_id=page.pk)
    # Answered, and recorded, in the language the form was shown in: the
    # supporter's signature keeps it with the consent wording in it.
    with translation.override(envelope.language_shown() or page.content_language):
        response = answer(request, page, envelope)
        # Rendered now, while the language is active, not on the way out.
        return response.render() if hasattr(response, "render") else response


def answer(request, page, envelope):
    """The page's answer to a form that passed the checks of `submit`."""
    if envelope.is_bot:
        # Shown the thank-you so that it learns nothing; nothing is stored.
        return page.thank_you_response(request)
    if envelope.too_fast:
        # Autofill is quick too: keep what was typed and ask once more. A form
        # with mistakes shows just those, the only thing the person must fix.
        form = page.action_form(request.POST)
        mistaken = form is not None and not form.is_valid()
        return page.respond(
            request,
            status=400,
            form=form,
            envelope=envelope.ask_once_more(),
            form_message=None if mistaken else page.ask_once_more_message,
        )
    platform = "" if asks_not_to_be_tracked(request.META) else envelope.source_platform()
    return page.submit(request, envelope.source_page_id(), platform)


@require_safe
def envelope(request, page_id):
    """A form's hidden stamp, source and platform, for an edge that caches the page with
    an ESI include in their place (see actions.middleware). Asked on every
    view of a cached page, so it runs no query: the submit view checks the
    page, and a stamp for a page that isn't there is refused."""
    response = HttpResponse(
        stamps.hidden_inputs(page_id, request.GET.get("from"), request.GET.get("utm_source")),
        content_type="text/html; charset=utf-8",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def privacy(request):
    """The privacy page in the visitor's language, where every form's “How we
    use your data” leads: its translation once published, else the page
    itself. Found when followed, so that a page with a form spends no query
    on the translation."""
    page = ActionSettings.for_request(request).privacy_page
    if page is None:
        raise Http404
    translated = (
        page.get_translations(inclusive=True)
        .live()
        .filter(locale__language_code=translation.get_language())
        .first()
    )
    page = translated or page
    if not page.live:
        raise Http404
    return redirect(page.get_url(request))
