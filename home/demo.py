"""Demo content for the home page and what is site-wide: the information
pages (privacy), the header button and the footer links, and all of it in
Spanish.

Each builder makes the database hold its demo content, creating or updating
only what differs, so running it again changes nothing. The content is data,
in demo_content/site.json. The home page leads with a person whose story the
current petition is about: the first of its featured stories.
"""

import json
from pathlib import Path

from wagtail.models import Locale, Page, Site

from actions.demo import build_actions, translate_actions
from core.demo import TRANSLATED_INTO, in_english, sync_page, sync_translation
from core.models import (
    FooterLink,
    NavigationSettings,
    NavigationWording,
    OrganisationSettings,
    OrganisationWording,
)
from registry.demo import build_case_records
from stories.demo import build_numbers_page, build_stories, build_themes, translate_stories
from stories.models import ExonereeStoryPage

from .models import FeaturedStory, HomePage, InformationPage

SITE = json.loads((Path(__file__).parent / "demo_content" / "site.json").read_text("utf-8"))
HOME = SITE["home"]


def build_home(log):
    home = sync_page(Page.get_first_root_node(), HomePage, "home", in_english(HOME), log)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        log("Created the default site.")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        log("Pointed the default site at the home page.")
    return home


def build_information_pages(home, log):
    """The information pages under `home`, by slug."""
    return {
        slug: sync_page(home, InformationPage, slug, in_english(fields), log)
        for slug, fields in SITE["information_pages"].items()
    }


def translate_information_pages(pages, log):
    """The Spanish translations of the information pages that have one."""
    for slug, fields in SITE["information_pages"].items():
        if TRANSLATED_INTO in fields:
            sync_translation(pages[slug], fields[TRANSLATED_INTO], log)


def feature_campaign(home, index, actions, label, log):
    """Lead the home page with a featured story and the current petition, in
    the person's own words (their story's first quote): on `home`, from the
    stories of `index` and the `actions`. Its translation follows it through
    wagtail-localize (translate_site)."""
    # Pages added under it in this run may have come through another copy of
    # it: publishing it with a stale count of its children would hide them
    # from routing.
    home.refresh_from_db(fields=["numchild"])
    featured = SITE["featured_stories"]
    stories = ExonereeStoryPage.objects.child_of(index).filter(slug__in=featured)
    stories = {story.slug: story for story in stories}
    chosen = [stories[slug] for slug in featured if slug in stories]
    fields = {
        "hero_action_label": label,
        "hero_action_page_id": actions["petition"].pk,
        "hero_quote": first_quote(chosen[0]),
    }
    changed = [field for field, value in fields.items() if getattr(home, field) != value]
    for field in changed:
        setattr(home, field, fields[field])
    if [link.story_id for link in home.featured_stories.all()] != [story.pk for story in chosen]:
        home.featured_stories = [
            FeaturedStory(story=story, sort_order=n) for n, story in enumerate(chosen)
        ]
        changed.append("featured stories")
    if changed:
        home.save_revision().publish()
        log(f"Updated “{home.title}”’s lead story and campaign: {', '.join(changed)}.")


def first_quote(story):
    """The first pull quote of `story`, which the home page leads with."""
    quotes = [block.value["quote"] for block in story.body if block.block_type == "quote"]
    return quotes[0] if quotes else ""


def build_navigation(home, pages, log):
    """The header button (Donate) and the footer links, to `pages` by their
    key in site.json. Footer links staff have edited are left alone."""
    navigation = NavigationSettings.for_site(Site.objects.get(root_page=home))
    button = SITE["navigation"]["button"]
    if navigation.button_page_id != pages[button["page"]].pk:
        navigation.button_page = pages[button["page"]]
        navigation.button_label = button["label"]
        navigation.save()
        log(f"Put a {button['label']} button in the header.")
    if not navigation.footer_links.exists():
        for n, link in enumerate(SITE["navigation"]["footer_links"]):
            page = pages[link["page"]]
            FooterLink.objects.create(
                setting=navigation, page=page, label=link["label"], sort_order=n
            )
            log(f"Linked “{page.title}” from the footer.")


def build_site(log):
    """The whole demo site, in the order its pages need each other: the home
    page composes what the stories and actions loaders build."""
    home = build_home(log)
    build_themes(home, log)
    index = build_stories(home, log)
    build_case_records(log)
    build_numbers_page(home, log)
    pages = build_information_pages(home, log)
    actions = build_actions(home, pages["privacy"], log)
    feature_campaign(home, index, actions, SITE["hero_action_label"], log)
    linked = {**pages, **actions}
    build_navigation(home, linked, log)
    translate_site(home, pages, actions, log)


def translate_site(home, pages, actions, log):
    """The site in Spanish (issue 16): the home page first, since every
    other page's translation goes under it; the navigation's words last."""
    spanish = HOME[TRANSLATED_INTO]
    locale = Locale.objects.get(language_code=TRANSLATED_INTO)
    if home.get_translation_or_none(locale) is None:
        sync_translation(home, spanish, log)
    translate_information_pages(pages, log)
    translate_stories(home, log)
    translate_actions(actions, log)
    # Then again, as a sync would: its quote from the Spanish lead story, and
    # its featured stories and main button leading to the Spanish pages,
    # which wagtail-localize finds now they exist.
    lead = home.featured_stories.first().story.get_translation(locale).specific
    sync_translation(home, {**spanish, "hero_quote": first_quote(lead)}, log)
    translate_navigation(home, {**pages, **actions}, log)


def translate_navigation(home, pages, log):
    """The header button's words, the footer links and the footer and share
    texts in Spanish; the pages they link to follow the visitor's language by
    themselves. What staff have given in Spanish already is left alone."""
    site = Site.objects.get(root_page=home)
    navigation = NavigationSettings.for_site(site)
    button = SITE["navigation"]["button"][TRANSLATED_INTO]
    add_wording(
        NavigationWording,
        navigation,
        {"button_label": button["label"], **SITE["navigation"][TRANSLATED_INTO]},
        log,
    )
    organisation = OrganisationSettings.for_site(site)
    add_wording(OrganisationWording, organisation, SITE["organisation"][TRANSLATED_INTO], log)
    if not navigation.footer_links.filter(language=TRANSLATED_INTO).exists():
        for n, link in enumerate(SITE["navigation"]["footer_links"]):
            label = link[TRANSLATED_INTO]["label"]
            FooterLink.objects.create(
                setting=navigation,
                language=TRANSLATED_INTO,
                page=pages[link["page"]],
                label=label,
                sort_order=n,
            )
            log(f"Spanish: linked “{label}” from the footer.")


def add_wording(model, setting, fields, log):
    """Give `setting` its Spanish wording `fields` (a `model` row), unless it
    has one."""
    if not model.objects.filter(setting=setting, language=TRANSLATED_INTO).exists():
        model.objects.create(setting=setting, language=TRANSLATED_INTO, **fields)
        log(f"Spanish: the {setting._meta.verbose_name}’s words.")
