"""What every app's demo content loader shares."""

from wagtail.fields import StreamField
from wagtail.models import Locale

# The language the demo translates its pages into (issue 16), as the
# demo_content files key their translations: an "es" object beside each item.
TRANSLATED_INTO = "es"


def in_english(item):
    """A demo_content item without its translation beside it."""
    return {key: value for key, value in item.items() if key != TRANSLATED_INTO}


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
    changed = [field for field, value in fields.items() if differs(page, field, value)]
    if changed or not page.live:
        for field in changed:
            setattr(page, field, fields[field])
        page.save_revision().publish()
        what = ", ".join(changed) or "published"
        log(f"Updated the {model._meta.verbose_name} “{page.title}”: {what}.")
    return page


def sync_translation(source, fields, log):
    """Make the English page `source` have a live Spanish translation with
    `fields` (its Spanish text), and return it.

    A missing translation is made as wagtail-localize makes one (Wagtail's
    copy for translation, which copies the synchronised fields: a story's
    consent and legal review among them), then given `fields` and published
    in one revision. The source's parent must be translated first. An
    existing translation is updated only where it differs, like `sync_page`.
    """
    locale = Locale.objects.get(language_code=TRANSLATED_INTO)
    page = source.get_translation_or_none(locale)
    created = page is None
    if created:
        page = source.specific.copy_for_translation(locale)
    page = page.specific
    changed = [field for field, value in fields.items() if differs(page, field, value)]
    if created or changed or not page.live:
        for field in changed:
            setattr(page, field, fields[field])
        page.save_revision().publish()
        what = "translated" if created else ", ".join(changed) or "published"
        log(f"Spanish: {page._meta.verbose_name} “{page.title}”: {what}.")
    return page


def differs(page, field, value):
    """Whether `page`'s `field` differs from `value`; a StreamField's value
    as the raw data it is stored as, without block ids, which Wagtail makes
    up on every save: comparing them would make a revision on every run."""
    if isinstance(page._meta.get_field(field), StreamField):
        stream_block = getattr(page, field).stream_block
        new = stream_block.get_prep_value(stream_block.to_python(value))
        return without_ids(getattr(page, field).get_prep_value()) != without_ids(new)
    return getattr(page, field) != value


def without_ids(data):
    """StreamField data minus block ids."""
    if isinstance(data, dict):
        return {key: without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [without_ids(item) for item in data]
    return data
