"""Previews of site settings on the site's own pages.

Wagtail's settings editor previews an unsaved setting by putting it on the
preview request (under `get_cache_attr_name()`), where `for_request` and the
`settings` context processor find it. Each preview mode here serves a live
page of the site with that request, so staff see the header, footer, forms
or link preview exactly as visitors will once they save, in the page's own
language (a setting whose words are given per language offers the home page
in each language: `home_in_other_languages`).
"""

from django.template.response import TemplateResponse
from django.utils import translation

from wagtail.models import PreviewableMixin

from . import languages

# The preview mode of the home page in another language: HOME_IN + its code.
HOME_IN = "home-"


class SitePreviewMixin(PreviewableMixin):
    # (mode, label) of the pages the setting shows on; `preview_page` finds each.
    preview_modes = [("", "Home page")]

    @staticmethod
    def home_in_other_languages():
        """The preview modes of the home page in each language but the
        default, for a setting whose words staff give per language."""
        return [(HOME_IN + code, f"Home page in {name}") for code, name in languages.others()]

    def preview_page(self, mode_name):
        """The live page to show for `mode_name`, or None if there is none yet."""
        root = self.site.root_page
        if mode_name.startswith(HOME_IN):
            code = mode_name.removeprefix(HOME_IN)
            return root.get_translations().live().filter(locale__language_code=code).first()
        return root

    def serve_preview(self, request, mode_name):
        page = self.preview_page(mode_name)
        if page is None:
            label = dict(self.preview_modes)[mode_name]
            return TemplateResponse(
                request,
                "core/previews/no_page.html",
                {"label": label, "setting_name": self._meta.verbose_name},
            )
        page = page.specific
        # The visitor's language is the page's, whatever the admin's is: the
        # menus, words and addresses of a Spanish page are the Spanish ones.
        # Rendered before the language is restored.
        with translation.override(page.locale.language_code):
            response = page.serve_preview(request, page.default_preview_mode)
            if hasattr(response, "render"):
                response.render()
        return response

    @classmethod
    def preview_override(cls, request):
        """The unsaved setting a settings preview request carries, else None.
        Outside the editor's preview, the same attribute only caches what
        `for_request` read from the database."""
        if request is None or not getattr(request, "is_editing", False):
            return None
        return getattr(request, cls.get_cache_attr_name(), None)
