from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save


class CoreConfig(AppConfig):
    """What every part of the site shares: the organisation's identity and
    navigation, search-engine and social metadata, previews of settings, the
    review workflow and the staff dashboard's building blocks. It depends on
    no other app of the project; stories, actions and home build on it."""

    name = "core"
    verbose_name = "Site"

    def ready(self):
        from axes.signals import user_locked_out

        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Page
        from wagtail.signals import (
            copy_for_translation_done,
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
            pre_page_move,
        )

        # Models exist only once the app registry is ready: imported here for
        # that reason alone (no cycle to dodge).
        from . import audit, purging, rendercache, translators, uploads
        from .models import (
            FooterLink,
            HeaderLink,
            NavigationSettings,
            NavigationWording,
            OrganisationSettings,
            OrganisationWording,
        )

        # The rows a settings screen saves after the setting itself: its menu
        # entries and its words in other languages.
        setting_rows = (HeaderLink, FooterLink, NavigationWording, OrganisationWording)

        # Every upload, whichever way it comes, is cleaned before it is stored:
        # photos lose their location, files get plain names (core.uploads).
        pre_save.connect(uploads.clean_new_image, sender=get_image_model())
        pre_save.connect(uploads.clean_new_document, sender=get_document_model())

        # The cached navigation holds page titles and URLs, and the organisation's
        # details with its images' rendition URLs: rebuild it when they may change.
        post_save.connect(NavigationSettings.forget, sender=NavigationSettings)
        post_save.connect(NavigationSettings.forget, sender=OrganisationSettings)
        for row in setting_rows:
            post_save.connect(NavigationSettings.forget, sender=row)
            post_delete.connect(NavigationSettings.forget, sender=row)
        # A new file or focal point, a deleted image or rendition: the cached
        # URLs may point to a file that is gone. Cheap: one rebuild per change.
        Image = get_image_model()
        post_save.connect(NavigationSettings.forget, sender=Image)
        post_delete.connect(NavigationSettings.forget, sender=Image)
        post_delete.connect(NavigationSettings.forget, sender=Image.get_rendition_model())
        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(NavigationSettings.forget)
        post_delete.connect(NavigationSettings.forget, sender=Page)

        # Whole pages in the app's cache and at the edge (core.pagecache): see
        # core.purging for what each change makes stale.
        page_published.connect(purging.page_changed)
        page_unpublished.connect(purging.page_changed)
        page_slug_changed.connect(purging.page_renamed)
        pre_page_move.connect(purging.page_moving)
        post_page_move.connect(purging.page_moved)
        post_save.connect(purging.shown_everywhere)
        post_delete.connect(purging.shown_everywhere)
        for row in setting_rows:
            post_save.connect(purging.forget_everything, sender=row)
            post_delete.connect(purging.forget_everything, sender=row)

        # What rendering works out once for every request (core.rendercache):
        # forgotten whenever a page, a setting, a snippet, a menu entry, an
        # image or a document changes. A move or an unpublish also updates
        # pages below without saving them one by one; a deleted rendition may
        # leave a cached fragment pointing to its file.
        post_save.connect(rendercache.content_changed)
        post_delete.connect(rendercache.content_changed)
        for row in setting_rows:
            post_save.connect(rendercache.forget_everything, sender=row)
            post_delete.connect(rendercache.forget_everything, sender=row)
        post_delete.connect(rendercache.forget_everything, sender=Image.get_rendition_model())
        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(rendercache.forget_everything)

        # A translated page tree is reviewed and staffed as its source is.
        copy_for_translation_done.connect(translators.translation_made)

        # Sign-ins, refused passwords and lockouts in the audit log.
        user_logged_in.connect(audit.signed_in)
        user_login_failed.connect(audit.sign_in_failed)
        user_locked_out.connect(audit.locked_out)
