"""Demo content for the stories: the theme explainers and the factors they
cover, the story index, and sample stories with generated portraits.

The content is data, in demo_content/. themes.json holds the three theme
explainers: their intro, colour, the factors they cover (every factor has one:
see stories.checks) and their body as raw StreamField data, with a source for
every claim. stories.json holds the story index and the sample stories.
Everything in those is invented: the people, places, courts and sources.
Counties are made-up names so no story can be mistaken for a real case; crimes
are named plainly and never described in detail. Consent is on file and the
legal review done because these people are invented: publishing requires both.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from wagtail_localize.models import Translation

from django.utils.text import slugify

from wagtail.models import Locale

from core.demo import (
    TRANSLATED_INTO,
    as_stored,
    differs,
    in_english,
    sync_page,
    sync_translation,
)
from core.demo_translations import record_translation
from core.workflow import REVIEW_WORKFLOW, ensure_review_workflow

from .demo_images import initials, sample_collection, sample_portrait
from .models import ContributingFactor, ExonereeStoryPage, NumbersPage, StoryIndexPage, ThemePage

CONTENT = Path(__file__).parent / "demo_content"
THEMES = json.loads((CONTENT / "themes.json").read_text("utf-8"))
# Years lost (9.5) are read as Decimal, as the database gives them back, so
# that a second run finds them unchanged.
SAMPLES = json.loads((CONTENT / "stories.json").read_text("utf-8"), parse_float=Decimal)
STORY_INDEX = SAMPLES["index"]
NUMBERS = json.loads((CONTENT / "numbers.json").read_text("utf-8"))
SPANISH = SAMPLES[TRANSLATED_INTO]
STORIES = SAMPLES["stories"]
FACTORS = json.loads((CONTENT / "factors.json").read_text("utf-8"))
# What every sample story shares: who made its portrait, and its consent.
SAMPLE_FIELDS = {
    **SAMPLES["sample_fields"],
    "consent_date": date.fromisoformat(SAMPLES["sample_fields"]["consent_date"]),
}


def build_themes(home, log):
    """The three theme explainers, with the demo's factor-to-theme mapping."""
    for slug, theme in THEMES.items():
        fields = {
            "title": theme["title"],
            "intro": theme["intro"],
            "look": theme["look"],
            "show_in_menus": True,
        }
        exists = ThemePage.objects.child_of(home).filter(slug=slug).exists()
        if not exists:
            fields["body"] = theme["body"]  # created whole, in one revision
        page = sync_page(home, ThemePage, slug, fields, log)
        if exists and differs(page, "body", theme["body"]):
            page.body = as_stored(ThemePage, "body", theme["body"])
            page.save_revision().publish()
            log(f"Updated the theme explainer “{page.title}”: body.")
        for factor in ContributingFactor.objects.filter(slug__in=theme["factors"]):
            if factor.theme_id != page.pk:
                factor.theme = page
                factor.save(update_fields=["theme"])
                log(f"Mapped “{factor.name}” to {page.title}.")


def build_stories(home, log):
    """The story index and the sample stories, each with a generated portrait."""
    index = sync_page(home, StoryIndexPage, "stories", STORY_INDEX, log)
    if ensure_review_workflow(index):
        log(f"Stories go through the “{REVIEW_WORKFLOW}” workflow.")
    collection = sample_collection(SAMPLES["collection"], log)
    for story in STORIES:
        portrait = sample_portrait(story["fields"]["person_name"], collection, log)
        sync_story(index, story, portrait, log)
    return index


def build_numbers_page(home, log):
    """“The numbers”, showing every figure (staff choose none in the demo)."""
    return sync_page(home, NumbersPage, "the-numbers", in_english(NUMBERS), log)


def story_fields(story, portrait):
    """The story's plain field values, as `sync_page` compares and sets them."""
    name = story["fields"]["person_name"]
    return {
        "title": name,
        **story["fields"],
        "portrait": portrait,
        "portrait_alt": portrait_alt(name, SAMPLES["labels"]),
        **SAMPLE_FIELDS,
    }


def portrait_alt(name, labels):
    dotted = " ".join(f"{letter}." for letter in initials(name))
    return labels["portrait_alt"].format(initials=dotted)


def story_body(story, name, labels):
    """The story's body as raw StreamField data: text, quote, timeline, text,
    then citations of clearly fictional sources; `story` holds its text in
    one language, `labels` the words around it in that language."""
    county = story["fields"]["county"]
    source_url = f"https://example.org/sample-stories/{slugify(name)}"
    return [
        {"type": "text", "value": "".join(f"<p>{p}</p>" for p in story["paragraphs"])},
        {
            "type": "quote",
            "value": {
                "quote": story["quote"],
                "attribution": labels["attribution"].format(name=name),
            },
        },
        {
            "type": "timeline",
            "value": {"heading": labels["timeline"], "events": story["timeline"]},
        },
        {"type": "text", "value": f"<h2>{labels['after']}</h2><p>{story['closing']}</p>"},
        {
            "type": "citation",
            "value": {
                "title": labels["record"].format(record=story["record"]),
                "publisher": labels["court"].format(county=county),
                "url": f"{source_url}/court-record",
            },
        },
        {
            "type": "citation",
            "value": {
                "title": labels["registry_entry"].format(name=name),
                "publisher": labels["registry"],
                "url": f"{source_url}/registry-entry",
            },
        },
    ]


def sync_story(index, story, portrait, log):
    """Make `index` have the live sample `story`, changing only what differs.

    A missing story is created whole by `sync_page`, body and factors included,
    in one published revision. For an existing one, `sync_page` updates the
    plain fields; the body and the factors need their own comparison, so a
    changed body or factor set is published here as a further revision.

    The body is compared by `differs`. Factors are compared by the set
    of their slugs; a factor staff deleted is skipped rather than recreated.
    """
    slug = slugify(story["fields"]["person_name"])
    fields = story_fields(story, portrait)
    body = story_body(story, story["fields"]["person_name"], SAMPLES["labels"])
    factors = list(ContributingFactor.objects.filter(slug__in=story["factors"]))

    existing = ExonereeStoryPage.objects.child_of(index).filter(slug=slug).exists()
    if not existing:
        # Created whole, in a single published revision.
        return sync_page(
            index, ExonereeStoryPage, slug, {**fields, "body": body, "factors": factors}, log
        )

    page = sync_page(index, ExonereeStoryPage, slug, fields, log)
    changed = []
    if differs(page, "body", body):
        page.body = as_stored(ExonereeStoryPage, "body", body)
        changed.append("body")
    if {factor.slug for factor in page.factors.all()} != {factor.slug for factor in factors}:
        page.factors.set(factors)
        changed.append("factors")
    if changed:
        page.save_revision().publish()
        log(f"Updated the exoneree story “{page.title}”: {', '.join(changed)}.")
    return page


def translate_stories(home, log):
    """The Spanish translations (issue 16) of the themes, the factors, the
    story index, “The numbers” and the stories that have one in the JSON,
    beside the English. Themes come before factors: a translated factor
    files under its theme's translation. Consent and the legal review are
    not set here: a translation copies them from the English story."""
    english = home.get_children().specific()
    for slug, theme in THEMES.items():
        sync_translation(english.get(slug=slug), theme[TRANSLATED_INTO], log)
    translate_factors(log)
    index = StoryIndexPage.objects.child_of(home).get()
    spanish_index = sync_translation(index, {**SPANISH["index"], "show_in_menus": True}, log)
    if ensure_review_workflow(spanish_index):
        log(f"Spanish stories go through the “{REVIEW_WORKFLOW}” workflow.")
    sync_translation(NumbersPage.objects.child_of(home).get(), NUMBERS[TRANSLATED_INTO], log)
    for story in STORIES:
        if TRANSLATED_INTO in story:
            source = ExonereeStoryPage.objects.child_of(index).get(
                slug=slugify(story["fields"]["person_name"])
            )
            sync_translation(source, spanish_story_fields(story), log)
    return spanish_index


def spanish_story_fields(story):
    spanish = story[TRANSLATED_INTO]
    name = story["fields"]["person_name"]
    return {
        **spanish["fields"],
        "portrait_credit": SPANISH["portrait_credit"],
        "portrait_alt": portrait_alt(name, SPANISH["labels"]),
        "body": story_body(spanish, name, SPANISH["labels"]),
    }


def translate_factors(log):
    """The factors' Spanish translations (translated snippets), made once by
    wagtail-localize: a translation staff have edited since is left alone,
    and one an earlier demo made without wagtail-localize's records gets
    them, with the Spanish it has."""
    locale = Locale.objects.get(language_code=TRANSLATED_INTO)
    for factor in ContributingFactor.objects.filter(slug__in=FACTORS, locale__language_code="en"):
        if Translation.objects.filter(
            source__object_id=factor.translation_key, target_locale=locale
        ).exists():
            continue
        spanish = FACTORS[factor.slug][TRANSLATED_INTO]
        existing = factor.get_translation_or_none(locale)
        if existing is not None:
            kept = {field: getattr(existing, field) for field in spanish}
            record_translation(factor, kept, locale)
            log(f"Spanish: contributing factor “{existing.name}”: kept by wagtail-localize.")
            continue
        record_translation(factor, spanish, locale).save_target()
        log(f"Spanish: contributing factor “{spanish['name']}”: translated.")
