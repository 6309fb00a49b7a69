"""Site search over stories, theme explainers and every other published page.

Works without JavaScript: a GET form, a page of results with the matched words
marked, and links to further pages.
"""

import re

from django.core.paginator import EmptyPage, Page
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from wagtail.models import Locale
from wagtail.models import Page as WagtailPage

from core.pagecache import shared
from core.seo import field_text

from .listing import KnownCountPaginator, page_number

MAX_QUERY_LENGTH = 200
# Words beyond these are dropped: they make a query slower, not better.
MAX_TERMS = 12
RESULTS_PER_PAGE = 10
# The fields, in order of preference, shown under a result's title: a
# story's summary, an action's one-sentence teaser (before its rich-text
# intro), a theme's or index's intro.
SNIPPET_FIELDS = ("summary", "teaser", "intro", "search_description")

# A search term is a run of letters and digits. Everything else (punctuation,
# quotes, operators, control characters, NUL) only separates terms, so no
# input can reach the search backends' query syntax.
TERM = re.compile(r"[^\W_]+")


def search_terms(query):
    """The words of a query, without duplicates, in the order typed.

    Every word must match, so single letters left over from punctuation (the
    "s" of "Reed's", the "O" of "O'Brien") are dropped when longer words remain.
    """
    terms = []
    for term in TERM.findall(query):
        if term.casefold() not in (t.casefold() for t in terms):
            terms.append(term)
    longer = [term for term in terms if len(term) > 1]
    return (longer or terms)[:MAX_TERMS]


def highlight(text, terms):
    """`text`, HTML-escaped, with every word starting with a search term
    wrapped in <mark>.

    Matches are found in the raw text and each piece is escaped on its own,
    so a term can never match inside an entity such as &amp; and nothing an
    editor typed can become markup.
    """
    text = text or ""
    if not terms:
        return escape(text)
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})", re.IGNORECASE)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above


def snippet_text(page):
    """The first filled snippet field as plain text: rich text loses its tags
    and entities, which would otherwise show as “<p>” and “&amp;”."""
    return next((text for name in SNIPPET_FIELDS if (text := field_text(page, name))), "")


def page_of_results(results, number):
    """The paginator of `results` and its page `number`. The page is read
    first: on PostgreSQL its query also counts every match (core.search), so
    the count costs no second pass over them."""
    if number < 1:
        raise EmptyPage("That page number is less than 1")
    first = (number - 1) * RESULTS_PER_PAGE
    rows = results[first : first + RESULTS_PER_PAGE]
    count = getattr(rows, "total", None) if rows.results() else None
    paginator = KnownCountPaginator(results, RESULTS_PER_PAGE, count or results.count())
    number = paginator.validate_number(number)
    return paginator, Page(rows.results(), number, paginator)


@require_safe
@shared
def search(request):
    raw_query = request.GET.get("q", "")
    truncated = len(raw_query.strip()) > MAX_QUERY_LENGTH
    query = raw_query.strip()[:MAX_QUERY_LENGTH].strip()
    terms = search_terms(query)

    context = {
        "search_query": query,
        "query_truncated": truncated,
        "max_query_length": MAX_QUERY_LENGTH,
        "results": [],
        "page_obj": None,
        "paginator": None,
    }

    if terms:
        # In the address's language only (/es/search/: Spanish), stemmed as
        # that language is (core.search).
        pages = WagtailPage.objects.live().public().filter(locale=Locale.get_active())
        pages = pages.specific().search(" ".join(terms))
        try:
            paginator, page_obj = page_of_results(pages, page_number(request.GET.get("page")))
        except EmptyPage as error:
            raise Http404("No such page of results.") from error
        results = []
        for result in page_obj:
            url = result.get_url(request=request)
            if not url:
                continue  # outside every site: nowhere to send the reader
            results.append(
                {
                    "url": url,
                    "title": highlight(result.title, terms),
                    "snippet": highlight(snippet_text(result), terms),
                    "kind": result._meta.verbose_name,
                }
            )
        context.update(results=results, page_obj=page_obj, paginator=paginator)

    response = TemplateResponse(request, "stories/search.html", context)
    # Result pages are for people, not for search engines' indexes.
    response["X-Robots-Tag"] = "noindex"
    return response
