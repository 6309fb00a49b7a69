"""Previews of site settings on the site's own pages.

Wagtail's settings editor previews an unsaved setting by putting it on the
preview request (under `get_cache_attr_name()`), where `for_request` and the
`settings` context processor find it. Each preview mode here serves a live
page of the site with that request, so staff see the header, footer, forms
or link preview exactly as visitors will once they save.
"""

from django.template.response import TemplateResponse

from wagtail.models import PreviewableMixin


class SitePreviewMixin(PreviewableMixin):
    # (mode, label) of the pages the setting shows on; `preview_page` finds each.
    preview_modes = [("", "Home page")]

    def preview_page(self, mode_name):
        """The live page to show for `mode_name`, or None if there is none yet."""
        return self.site.root_page

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
        return page.serve_preview(request, page.default_preview_mode)

    @classmethod
    def preview_override(cls, request):
        """The unsaved setting a settings preview request carries, else None.
        Outside the editor's preview, the same attribute only caches what
        `for_request` read from the database."""
        if request is None or not getattr(request, "is_editing", False):
            return None
        return getattr(request, cls.get_cache_attr_name(), None)
