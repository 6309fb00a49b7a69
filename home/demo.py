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


def build_home(log):
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(slug="home", **HOME)
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        log(f"Created the home page “{home.title}”.")
    else:
        changed = {field: value for field, value in HOME.items() if getattr(home, field) != value}
        if changed or not home.live:
            for field, value in changed.items():
                setattr(home, field, value)
            home.save_revision().publish()
            log(f"Updated the home page: {', '.join(changed) or 'published'}.")

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=""
        )
        log("Created the default site.")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        log("Pointed the default site at the home page.")
    return home
