"""The site's header and footer menus, and the cache they share with the
organisation's details: what every public page shows around its content."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Site

from ..preview import SitePreviewMixin
from .organisation import OrganisationSettings


class NavigationLink(Orderable):
    """An entry in the header or footer menu: a page of the site, or an
    address elsewhere. Staff drag entries into order."""

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

    panels = [PageChooserPanel("page"), FieldPanel("url"), FieldPanel("label")]

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
        "Without it, the site’s description is shown.",
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
        help_text="One or two words, e.g. “Donate”. Leave empty to use the page’s title.",
    )

    select_related = ["button_page"]

    panels = [
        InlinePanel(
            "header_links",
            heading="Header menu",
            label="Header link",
            max_num=7,
            help_text="The main navigation, in order: keep it short, and drag an entry by its "
            "handle to move it. Without any, the pages under the home page with “Show in "
            "menus” ticked (Promote tab) are listed.",
        ),
        InlinePanel(
            "footer_links",
            heading="Footer menu",
            label="Footer link",
            max_num=12,
            help_text="Links at the foot of every page, such as privacy, contact and press.",
        ),
        MultiFieldPanel(
            [PageChooserPanel("button_page"), FieldPanel("button_label")],
            heading="Header button",
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = "navigation"

    @staticmethod
    def cache_key(site_id):
        return f"navigation:{site_id}"

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
        settings: the links as (label, url) pairs and the organisation
        (OrganisationSettings.resolve), as plain data. From the cache, so that
        they cost no query on most pages, and rebuilt when staff change the
        navigation or the organisation, change an image, or publish,
        unpublish, move or delete a page.

        A preview of unsaved navigation or organisation settings (see
        core.preview) is built from them, and never cached."""
        site = Site.find_for_request(request)
        if site is None:
            return cls.empty()
        navigation = cls.preview_override(request)
        organisation = OrganisationSettings.preview_override(request)
        if navigation or organisation:
            menus = (navigation or cls.for_site(site)).resolve(site)
            menus["organisation"] = (organisation or OrganisationSettings.for_site(site)).resolve()
            return menus
        menus = cache.get(cls.cache_key(site.pk))
        if menus is None:
            menus = cls.for_site(site).resolve(site)
            menus["organisation"] = OrganisationSettings.for_site(site).resolve()
            cache.set(cls.cache_key(site.pk), menus, timeout=3600)
        return menus

    def resolve(self, site):
        header = self.links(self.header_links, site)
        if not header:
            root = site.root_page
            header = [
                (page.title, page.get_url(current_site=site))
                for page in root.get_children().live().public().in_menu()
            ]
        button = self.button_page
        if button is not None and button.live:
            button = (self.button_label or button.title, button.get_url(current_site=site))
        else:
            button = None
        return {
            "header": header,
            "button": button,
            "footer": self.links(self.footer_links, site),
            "footer_text": self.footer_text,
        }

    @staticmethod
    def links(entries, site):
        links = []
        for entry in entries.select_related("page"):
            page, url = entry.page, entry.url
            if page is not None:
                if not page.live:
                    continue
                url = page.get_url(current_site=site)
            links.append((entry.label or page.title, url))
        return links

    @classmethod
    def forget(cls, **kwargs):
        keys = [cls.cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)]
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
