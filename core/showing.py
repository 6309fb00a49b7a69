"""Which addresses show a page: what a cache must forget when the page is
published, changed, moved or unpublished.

Each page type answers for itself, through two optional classmethods, so that
this module needs to know none of them (it sits below every other app):

- `pages_showing(cls, page)`: the pages of *that* type whose rendering shows
  `page` (a story index shows its stories, a theme the stories filed under
  it, ...). Declared on the type that does the showing; a subclass that
  doesn't declare its own is covered by its parent's answer, which returns
  pages of every subclass. It may receive `page` as a plain wagtail Page, so
  it reads only the page's own columns and `page.specific_class`.
- `urls_showing_outside_pages(cls, page)`: the paths of addresses outside the
  page tree (a feed, open-data files) that show a page of *that* type.
  Declared on the type shown.

Every page is also shown by its own address, by the sitemap and by search.

Each language has its own listings (issue 16): a Spanish page is shown by the
Spanish pages that list it and by the addresses under /es/ (its search, its
feed, its open data, its sitemap), never by the English ones, so those are
the addresses given for it.

The answer errs on the side of too many: a page whose listing could show
`page` (the ranking of related stories, the latest actions) counts, since a
cache that forgets one address too many costs a render, and one too few
serves stale content. The header and footer menus are cached apart (see
NavigationSettings.forget) and are not counted here.
"""

from django.urls import reverse
from django.utils import translation

from wagtail.models import get_page_models

# Addresses outside the page tree that list every page of a language: search
# finds every live page too, and the sitemap's index dates each language's.
EVERY_PAGE = ("sitemap", "search")


def pages_showing(page):
    """`page` and every page whose rendering shows it, in a fixed number of
    queries (one per page type that declares `pages_showing`)."""
    pages = {page.pk: page}
    for model in get_page_models():
        if "pages_showing" in vars(model):
            pages.update((shown.pk, shown) for shown in model.pages_showing(page))
    return list(pages.values())


def urls_showing(page, request=None):
    """The full addresses (scheme, host and path, as a cache or a CDN purges
    them) of every page that shows `page`, its own included, and of the
    addresses outside the page tree that show it. Empty for a page outside
    every site. With `request`, addresses on the request's own site are
    written as the request reached it."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return set()
    __, root_url, __ = parts
    urls = set()
    for shown in pages_showing(page):
        url = shown.get_full_url(request=request)
        if url:
            urls.add(url)
    declared = getattr(page.specific_class, "urls_showing_outside_pages", None)
    language = page.locale.language_code
    # Reversed in the page's language: /es/stories.json for a Spanish story.
    with translation.override(language):
        paths = [*declared(page)] if declared else []
        paths += [reverse(name) for name in EVERY_PAGE]
        paths.append(reverse("sitemap_language", kwargs={"section": language}))
    urls.update(root_url + path for path in paths)
    return urls
