"""The site's header and footer menus, and the cache they share with the
organisation's details: what every public page shows around its content, in
the page's language.

Staff give each menu entry a language, and the words they type in another
language than the default as a wording of the setting (core.models.wording).
A page in a menu follows the visitor's language by itself: where it has a
live translation, the menu links to that, under the translation's title
unless the entry has words in that language."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page, Site

from .. import languages
from ..locales import current_language
from ..preview import SitePreviewMixin
from .organisation import OrganisationSettings
from .wording import Wording


class NavigationLink(Orderable):
    """An entry in the header or footer menu: a page of the site, or an
    address elsewhere, shown on the pages of one language. Staff drag
    entries into order."""

    language = models.CharField(
        max_length=7,
        choices=languages.choices,
        default=languages.default,
        help_text="The pages that show this entry: those in this language. Until a menu has "
        "Spanish entries, Spanish pages show its English ones, each going to the Spanish "
        "translation of its page (under the translation’s title) once there is one.",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        # A deleted page takes its menu entry with it, rather than leaving an
        # entry that points nowhere.
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A page of this site. The entry is hidden while the page is unpublished.",
    )
    url = models.URLField(
        "or address",
        blank=True,
        help_text="…or the full address of a page on another site, starting https://",
    )
    label = models.CharField(
        max_length=40,
        blank=True,
        help_text="The words shown. Leave empty to use the page’s title.",
    )

    panels = [
        FieldPanel("language"),
        PageChooserPanel("page"),
        FieldPanel("url"),
        FieldPanel("label"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order"]

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.url):
            raise ValidationError({"page": "Choose a page or enter an address, not both."})
        if self.url and not self.label:
            raise ValidationError({"label": "Give a link to another site the words to show."})


class HeaderLink(NavigationLink):
    setting = ParentalKey(
        "NavigationSettings", on_delete=models.CASCADE, related_name="header_links"
    )


class FooterLink(NavigationLink):
    setting = ParentalKey(
        "NavigationSettings", on_delete=models.CASCADE, related_name="footer_links"
    )


@register_setting(icon="list-ul")
class NavigationSettings(SitePreviewMixin, ClusterableModel, BaseSiteSetting):
    """The links in the site's header and footer, edited by staff."""

    footer_text = models.TextField(
        max_length=300,
        blank=True,
        help_text="A line at the foot of every page, such as who runs the campaign. "
        "Without it, the site’s description is shown. Give it in Spanish below, under "
        "“Navigation in other languages”.",
    )
    button_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="header button goes to",
        help_text="The one page you most want every visitor to reach, usually your donate "
        "page: shown as a button at the top of every page, beside the menu, even on phones.",
    )
    button_label = models.CharField(
        "header button text",
        max_length=20,
        blank=True,
        help_text="One or two words, e.g. “Donate”. Leave empty to use the page’s title. "
        "Give them in Spanish below, under “Navigation in other languages”.",
    )

    select_related = ["button_page"]

    panels = [
        InlinePanel(
            "header_links",
            heading="Header menu",
            label="Header link",
            max_num=14,
            help_text="The main navigation, in order: keep it short (seven entries in a "
            "language at most), and drag an entry by its handle to move it. Give entries "
            "in Spanish for a Spanish menu of its own. Without any entry, the pages under "
            "the home page with “Show in menus” ticked (Promote tab) are listed.",
        ),
        InlinePanel(
            "footer_links",
            heading="Footer menu",
            label="Footer link",
            max_num=24,
            help_text="Links at the foot of every page, such as privacy, contact and press. "
            "Give entries in Spanish for a Spanish menu of its own.",
        ),
        MultiFieldPanel(
            [PageChooserPanel("button_page"), FieldPanel("button_label")],
            heading="Header button",
        ),
        FieldPanel("footer_text"),
        InlinePanel(
            "wordings",
            heading="Navigation in other languages",
            label="Language",
            help_text="The header button’s words and the footer text in Spanish, for the "
            "Spanish pages. Without them, the button shows the Spanish title of its page and "
            "the footer the English text.",
        ),
    ]

    class Meta:
        verbose_name = "navigation"

    @property
    def preview_modes(self):
        return [("", "Home page"), *self.home_in_other_languages()]

    @staticmethod
    def cache_key(site_id, language):
        return f"navigation:{site_id}:{language}"

    @staticmethod
    def empty():
        """What the header, footer and meta tags show without a site: no links,
        and the organisation as the settings name it."""
        return {
            "header": [],
            "button": None,
            "footer": [],
            "footer_text": "",
            "organisation": OrganisationSettings.defaults(),
        }

    @classmethod
    def menus_for(cls, request):
        """Everything the header, footer and meta tags take from the site's
        settings, in the request's language: the links as (label, url) pairs
        and the organisation (OrganisationSettings.resolve), as plain data.
        From the cache, one entry per site and language, so that they cost no
        query on most pages, and rebuilt when staff change the navigation or
        the organisation, change an image, or publish, unpublish, move or
        delete a page.

        A preview of unsaved navigation or organisation settings (see
        core.preview) is built from them, and never cached."""
        site = Site.find_for_request(request)
        if site is None:
            return cls.empty()
        language = current_language()
        navigation = cls.preview_override(request)
        organisation = OrganisationSettings.preview_override(request)
        if navigation or organisation:
            menus = (navigation or cls.for_site(site)).resolve(site, language)
            organisation = organisation or OrganisationSettings.for_site(site)
            menus["organisation"] = organisation.resolve(language)
            return menus
        key = cls.cache_key(site.pk, language)
        menus = cache.get(key)
        if menus is None:
            menus = cls.for_site(site).resolve(site, language)
            menus["organisation"] = OrganisationSettings.for_site(site).resolve(language)
            cache.set(key, menus, timeout=3600)
        return menus

    def resolve(self, site, language):
        """The menus for the pages in `language`. Each menu has the entries
        given in that language, else the default language's; the header
        without any lists the pages marked "Show in menus" under the home page
        in that language. The button's words and the footer text are the
        wording's in that language, else the default language's."""
        header = self.entries(self.header_links, language)
        footer = self.entries(self.footer_links, language)
        root = site.root_page
        chosen = [entry.page for entry in header + footer if entry.page is not None]
        if self.button_page is not None:
            chosen.append(self.button_page)
        translated = self.translations([root, *chosen], language)
        wording = None
        if language != languages.default():
            wording = Wording.in_language(self.wordings, language)

        if header:
            header = self.links(header, language, translated, site)
        else:
            home = translated.get(root.translation_key, root)
            header = [
                (page.title, page.get_url(current_site=site))
                for page in home.get_children().live().public().in_menu()
            ]
        button = None
        if self.button_page is not None:
            if language == languages.default():
                words = self.button_label
            else:
                words = wording.button_label if wording else ""
            button = self.link(self.button_page, words, self.button_label, translated, site)
        return {
            "header": header,
            "button": button,
            "footer": self.links(footer, language, translated, site),
            "footer_text": (wording.footer_text.strip() if wording else "") or self.footer_text,
        }

    @staticmethod
    def entries(links, language):
        """A menu's entries in `language`, else in the default language.
        Read whole and sorted out here: a preview's unsaved entries are no
        queryset to filter."""
        entries = list(links.select_related("page"))
        own = [entry for entry in entries if entry.language == language]
        return own or [entry for entry in entries if entry.language == languages.default()]

    @staticmethod
    def translations(pages, language):
        """The live pages in `language` among `pages`' translations (each
        page its own included), by translation key: one query."""
        found = Page.objects.live().filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=language,
        )
        return {page.translation_key: page for page in found}

    @classmethod
    def links(cls, entries, language, translated, site):
        links = []
        for entry in entries:
            if entry.page is None:
                links.append((entry.label, entry.url))
                continue
            words = entry.label if entry.language == language else ""
            link = cls.link(entry.page, words, entry.label, translated, site)
            if link is not None:
                links.append(link)
        return links

    @staticmethod
    def link(page, words, typed, translated, site):
        """(label, url) of `page` as the visitor's language shows it: its live
        translation (`translated`), under `words` (given in that language) or
        else its title; untranslated, the page itself under `words` or the
        words `typed` for it in another language, or else its title. None
        for a page not live."""
        shown = translated.get(page.translation_key)
        if shown is None:
            if not page.live:
                return None
            shown, words = page, words or typed
        return (words or shown.title, shown.get_url(current_site=site))

    @classmethod
    def forget(cls, **kwargs):
        """Forget the menus of every site in every language. Usable as a
        signal receiver."""
        keys = [
            cls.cache_key(pk, language)
            for pk in Site.objects.values_list("pk", flat=True)
            for language in languages.codes()
        ]
        cache.delete_many(keys)
        # Again once the change is committed: a page served meanwhile by
        # another process may have cached what the database still held.
        transaction.on_commit(lambda: cache.delete_many(keys))


def organisation_details(request):
    """The organisation's details for a request, from the cache they share
    with the navigation: no query on most pages."""
    if request is None:
        return OrganisationSettings.defaults()
    return NavigationSettings.menus_for(request)["organisation"]
