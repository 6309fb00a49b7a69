"""Demo content for the home page and the site.

Each builder makes the database hold its demo content, creating or updating
only what differs, so running it again changes nothing.
"""

from wagtail.models import Page, Site

from .models import HomePage

HOME = {
    "title": "Innocent, and still convicted",
    "intro": (
        "Every year, people are sent to prison for crimes they did not commit. "
        "Read their stories, learn how it happens, and act to stop it."
    ),
    "seo_title": "Wrongful convictions: stories and action",
    "search_description": (
        "True stories of people convicted of crimes they did not commit, and "
        "what you can do to stop it happening again."
    ),
}


def sync_page(parent, model, slug, fields, log):
    """Make `parent` have a live `model` page at `slug` with `fields`.

    A missing page is created; a page that differs is updated and published
    as a new revision; a page that matches is left alone.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        log(f"Created the {model._meta.verbose_name} “{page.title}”.")
        return page
    changed = [field for field, value in fields.items() if getattr(page, field) != value]
    if changed or not page.live:
        for field in changed:
            setattr(page, field, fields[field])
        page.save_revision().publish()
        what = ", ".join(changed) or "published"
        log(f"Updated the {model._meta.verbose_name} “{page.title}”: {what}.")
    return page


def build_home(log):
    home = sync_page(Page.get_first_root_node(), HomePage, "home", HOME, log)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        log("Created the default site.")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        log("Pointed the default site at the home page.")
    return home


def link_home_to(page, log):
    """Point the home page's main button at `page` (the story index)."""
    fields = {"hero_action_label": "Read their stories", "hero_action_page_id": page.pk}
    return sync_page(Page.get_first_root_node(), HomePage, "home", {**HOME, **fields}, log)
