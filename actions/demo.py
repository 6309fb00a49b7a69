"""Demo calls to action: a petition with sample signatures, a letter, a
donation appeal, a volunteer form, and the site's action settings. Running it
again changes nothing.

The content is data, in demo_content/actions.json. The donation address there
can never receive money or mail: staff replace it with their own processor's
page in Settings › Calls to action. The gift impacts are sample figures: staff
put in what their own casework costs. Each action's topics (factor and theme
slugs) say what it is about, so its “Why this matters” shows the stories behind
it; the volunteer form is about no case in particular, so it has none.
"""

import json
from pathlib import Path

from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from core.demo import TRANSLATED_INTO, in_english, sync_links, sync_page, sync_translation
from core.workflow import REVIEW_WORKFLOW, ensure_review_workflow
from stories.models import ContributingFactor, ExonereeStoryPage, ThemePage, ThemeRelatedAction
from stories.models.taxonomy import localized_in

from .models import (
    ActionIndexPage,
    ActionSettings,
    ActionWording,
    ConsentStatement,
    DonatePage,
    GiftImpact,
    LetterPage,
    PetitionPage,
    Signature,
    SignUpFormField,
    SignUpPage,
)

CONTENT = json.loads((Path(__file__).parent / "demo_content" / "actions.json").read_text("utf-8"))
# The page type of each action in actions.json.
PAGE_TYPES = {
    "petition": PetitionPage,
    "letter": LetterPage,
    "donate": DonatePage,
    "volunteer": SignUpPage,
}


def build_actions(home, privacy, log):
    """The calls to action under `home`, with `privacy` as the page every form
    links to; returns the action pages by their key in actions.json."""
    index_content = CONTENT["index"]
    index = sync_page(
        home, ActionIndexPage, index_content["slug"], in_english(index_content["fields"]), log
    )
    if ensure_review_workflow(index):
        log(f"Calls to action go through the “{REVIEW_WORKFLOW}” workflow.")
    actions = {
        key: sync_page(index, PAGE_TYPES[key], action["slug"], in_english(action["fields"]), log)
        for key, action in CONTENT["actions"].items()
    }
    add_volunteer_fields(actions["volunteer"], log)
    add_gift_impacts(actions["donate"], log)
    add_sample_signatures(actions["petition"], log)
    configure(home, actions["petition"], privacy, log)
    for path, key in CONTENT["short_links"].items():
        add_short_link(path, actions[key], log)
    link_themes(home, actions, log)
    for key, topics in CONTENT["topics"].items():
        factors = ContributingFactor.objects.filter(slug__in=topics["factors"])
        themes = ThemePage.objects.child_of(home).filter(slug__in=topics["themes"])
        set_topics(actions[key], factors, themes, log)
    return actions


def set_topics(page, factors, themes, log):
    factors, themes = list(factors), list(themes)
    if set(page.factors.all()) == set(factors) and set(page.themes.all()) == set(themes):
        return
    page.factors = factors
    page.themes = themes
    page.save_revision().publish()
    log(f"Said what “{page.title}” is about.")


def add_volunteer_fields(page, log):
    if page.form_fields.exists():
        return
    fields = CONTENT["volunteer_fields"]
    page.form_fields = [SignUpFormField(sort_order=n, **field) for n, field in enumerate(fields)]
    page.save_revision().publish()
    log(f"Added the form fields of “{page.title}”.")


def add_gift_impacts(page, log):
    if page.gift_impacts.exists():
        return
    page.gift_impacts = [
        GiftImpact(sort_order=n, **in_english(impact))
        for n, impact in enumerate(CONTENT["gift_impacts"])
    ]
    page.save_revision().publish()
    log(f"Said what gifts to “{page.title}” pay for.")


# The platforms of the shared links sample signers came by ("" for none).
SAMPLE_PLATFORMS = ("", "bluesky", "", "whatsapp", "email", "")


def add_sample_signatures(petition, log):
    """Sample signatures at example.org addresses, attributed to the stories."""
    if petition.signatures.exists():
        return
    count = CONTENT["sample_signatures"]
    consent = ConsentStatement.current(petition.content_language)
    stories = list(ExonereeStoryPage.objects.live().order_by("pk")) or [None]
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            action=petition,
            # bulk_create skips Signature.save(), which fills it in.
            campaign=petition.translation_key,
            first_name="Sample",
            last_name=f"Supporter {n}",
            email=f"sample-supporter-{n}@example.org",
            postcode=f"{10001 + n:05}",
            opt_in=n % 3 == 0,
            consent=consent,
            source_page=stories[n % len(stories)],
            # Some came by the story's share links, for the dashboard's Platforms table.
            source_platform=SAMPLE_PLATFORMS[n % len(SAMPLE_PLATFORMS)],
            created_at=now - timezone.timedelta(hours=5 * n),
        )
        for n in range(count)
    )
    log(f"Added {count} sample signatures to “{petition.title}”.")


def add_short_link(path, page, log):
    """A short address for print and radio, temporary so that staff can point it
    at the next petition (Settings › Redirects)."""
    if not Redirect.objects.filter(old_path=path).exists():
        Redirect.objects.create(old_path=path, redirect_page=page, is_permanent=False)
        log(f"Made {path} lead to “{page.title}”.")


def configure(home, default_action, privacy, log):
    settings = ActionSettings.for_site(Site.objects.get(root_page=home))
    wanted = {
        "default_action_id": default_action.pk,
        "privacy_page_id": privacy.pk,
        **in_english(CONTENT["settings"]),
    }
    changed = [field for field, value in wanted.items() if getattr(settings, field) != value]
    if changed:
        for field in changed:
            setattr(settings, field, wanted[field])
        settings.save()
        log("Set the default action, privacy page, donation address and tax status.")
    if not settings.wordings.filter(language=TRANSLATED_INTO).exists():
        ActionWording.objects.create(
            setting=settings, language=TRANSLATED_INTO, **CONTENT["settings"][TRANSLATED_INTO]
        )
        log("Spanish: the tax status.")


def link_themes(home, actions, log):
    """End each theme explainer with its action, as actions.json pairs them."""
    for slug, key in CONTENT["theme_actions"].items():
        theme = ThemePage.objects.child_of(home).filter(slug=slug).first()
        if theme is None or theme.related_actions.exists():
            continue
        theme.related_actions = [ThemeRelatedAction(action=actions[key], sort_order=0)]
        theme.save_revision().publish()
        log(f"Linked {theme.title} to “{actions[key].title}”.")


def translate_actions(actions, log):
    """The Spanish translations (issue 16) of the action index and of the
    actions that have one in actions.json, about the same factors and
    themes in Spanish, and each Spanish theme ending with its action in
    Spanish; returns them by key. Run once the themes and factors are."""
    fields = CONTENT["index"]["fields"]
    index = sync_translation(
        actions["petition"].get_parent(), {**fields[TRANSLATED_INTO], "show_in_menus": True}, log
    )
    if ensure_review_workflow(index):
        log(f"Spanish calls to action go through the “{REVIEW_WORKFLOW}” workflow.")
    spanish = {
        key: sync_translation(actions[key], spanish_fields(key, action), log)
        for key, action in CONTENT["actions"].items()
        if TRANSLATED_INTO in action["fields"]
    }
    for key, page in spanish.items():
        source = actions[key]
        set_topics(
            page,
            [localized_in(factor, page.locale_id) for factor in source.factors.all()],
            [localized_in(theme, page.locale_id) for theme in source.themes.all()],
            log,
        )
    # The Spanish themes were translated before the actions they end with:
    # wagtail-localize leads them to the Spanish actions now there are some.
    for theme in ThemePage.objects.filter(locale=actions["petition"].locale_id):
        sync_links(theme, log)
    return spanish


def spanish_fields(key, action):
    """The Spanish of the action `key` (`action` in actions.json) as
    wagtail-localize holds it: a donation appeal's gift impacts too."""
    fields = action["fields"][TRANSLATED_INTO]
    if key == "donate":
        return {**fields, "gift_impacts": translate_gift_impacts()}
    return fields


def translate_gift_impacts():
    """The gift impacts' Spanish descriptions, in their order: a translation's
    rows, which wagtail-localize pairs with the English ones."""
    return [impact[TRANSLATED_INTO] for impact in CONTENT["gift_impacts"]]
