"""What every app's demo content loader shares."""

from wagtail_localize.models import Translation

from wagtail.fields import StreamField
from wagtail.models import Locale

from .demo_translations import (
    current_source,
    is_rows,
    needs_saving,
    record_translation,
    without_ids,
)

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
    fields = {field: as_stored(model, field, value) for field, value in fields.items()}
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
    `fields` (its Spanish text), kept by wagtail-localize, and return it.

    A missing translation is first copied as wagtail-localize copies one
    (Wagtail's copy for translation: under the parent's translation, which
    must exist, and with Wagtail's slug unless `fields` give one). Then the
    Spanish of each of the source's strings is recorded, and wagtail-localize
    saves the target from them, copying the synchronised fields (a story's
    consent and legal review among them), in one published revision. A
    translation whose strings already say `fields` is left alone, like a
    page `sync_page` finds unchanged.
    """
    locale = Locale.objects.get(language_code=TRANSLATED_INTO)
    source = source.specific_class.objects.get(pk=source.pk)
    page = source.get_translation_or_none(locale)
    created = page is None
    if created:
        page = source.copy_for_translation(locale)
    page = page.specific
    changed = [field for field, value in fields.items() if differs(page, field, value)]
    fields = {"slug": page.slug, **fields}
    translation = record_translation(source, fields, locale)
    if created or not page.live or needs_saving(translation, page, fields):
        page = save_translation(translation)
        what = "translated" if created else ", ".join(changed) or "kept by wagtail-localize"
        log(f"Spanish: {page._meta.verbose_name} “{page.title}”: {what}.")
    return page


def sync_links(source, log):
    """Have wagtail-localize save the Spanish translation of `source` again
    when its links (to other pages, in its inline rows too) would now lead to
    pages translated since it was saved, as "Sync translated pages" does."""
    locale = Locale.objects.get(language_code=TRANSLATED_INTO)
    page = source.get_translation_or_none(locale)
    if page is None:
        return
    translation = Translation.objects.get(source=current_source(source), target_locale=locale)
    if needs_saving(translation, page.specific, ()):
        page = save_translation(translation)
        log(f"Spanish: {page._meta.verbose_name} “{page.title}”: links to the Spanish pages.")


def save_translation(translation):
    """Save and publish `translation`'s target as wagtail-localize makes it."""
    # Saved as a draft and published here, not by save_target(publish=True),
    # which publishes once the transaction commits: the demo runs in one and
    # goes on to edit pages.
    translation.save_target(publish=False)
    page = translation.get_target_instance().specific
    page.get_latest_revision().publish()
    return page


def differs(page, field, value):
    """Whether `page`'s `field` differs from `value`; inline rows by the
    values `value` gives each, in their order; a StreamField's value as the
    raw data it is stored as, without block ids, which Wagtail makes up on
    every save: comparing them would make a revision on every run."""
    if is_rows(page, field):
        rows = [
            {name: getattr(row, name) for name in wanted}
            for row, wanted in zip(getattr(page, field).all(), value, strict=False)
        ]
        return rows != value
    if isinstance(page._meta.get_field(field), StreamField):
        new = as_stored(type(page), field, value)
        return without_ids(getattr(page, field).get_prep_value()) != without_ids(new)
    return getattr(page, field) != value


def as_stored(model, field, value):
    """`value` for `model`'s `field` as it is saved: a StreamField's raw data
    with every block read, so that a list block's items get ids, which
    wagtail-localize needs to extract them for translation (items stored as
    a plain list, as the demo_content files write them, stay untranslated)."""
    model_field = model._meta.get_field(field)
    if not isinstance(model_field, StreamField):
        return value
    return [child.get_prep_value() for child in model_field.stream_block.to_python(value)]
