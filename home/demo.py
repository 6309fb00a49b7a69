"""Demo content for the home page and the site.

Each builder makes the database hold its demo content, creating or updating
only what differs, so running it again changes nothing.
"""

from wagtail.models import Page, Site

from core.demo import sync_page
from core.models import NavigationSettings

from .models import FeaturedStory, HomePage

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


# The home page leads with a person whose story the current petition is about.
FEATURED = ["malcolm-reddiford", "amara-quist", "jerome-talwyn"]
HERO_ACTION_LABEL = "Add your name"


def feature_campaign(index, actions, log):
    """Lead the home page with a featured story and the current petition, in
    the person's own words (their story's first quote), and put Donate in
    the header as a button."""
    home = HomePage.objects.child_of(Page.get_first_root_node()).get(slug="home")
    stories = {story.slug: story for story in index.get_children().filter(slug__in=FEATURED)}
    chosen = [stories[slug].specific for slug in FEATURED if slug in stories]
    quotes = [block.value["quote"] for block in chosen[0].body if block.block_type == "quote"]
    fields = {
        "hero_action_label": HERO_ACTION_LABEL,
        "hero_action_page_id": actions["petition"].pk,
        "hero_quote": quotes[0] if quotes else "",
    }
    changed = [field for field, value in fields.items() if getattr(home, field) != value]
    for field in changed:
        setattr(home, field, fields[field])
    if [link.story_id for link in home.featured_stories.all()] != [story.pk for story in chosen]:
        home.featured_stories = [FeaturedStory(story=story) for story in chosen]
        changed.append("featured stories")
    if changed:
        home.save_revision().publish()
        log(f"Updated the home page’s lead story and campaign: {', '.join(changed)}.")

    navigation = NavigationSettings.for_site(Site.objects.get(root_page=home))
    if navigation.button_page_id != actions["donate"].pk:
        navigation.button_page = actions["donate"]
        navigation.button_label = "Donate"
        navigation.save()
        log("Put a Donate button in the header.")
