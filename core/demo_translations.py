"""The demo's translations as wagtail-localize keeps them (issue 16): a
source frozen from the English object, a translation into Spanish, and the
Spanish of each of its strings, so that staff learning the product from the
demo find a translation workflow that works: "Sync translated pages" on the
English page, the translation editor on the Spanish one.

The Spanish strings are paired with the English ones by their place in the
object (wagtail-localize's segment paths), so the Spanish must have the
structure of the English: the same blocks in the same order, the same
paragraphs in each text. What the English keeps synchronised (a story's
consent and legal review among them) has no segment to translate and is
copied from the English, by wagtail-localize, whenever the target is saved.
"""

import json
from collections import defaultdict

from wagtail_localize.fields import TranslatableField, get_translatable_fields
from wagtail_localize.models import (
    SegmentOverride,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from django.core.exceptions import ImproperlyConfigured

from modelcluster.fields import ParentalKey
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.fields import StreamField


class StructureMismatch(ImproperlyConfigured):
    """The translated content has other blocks or paragraphs than its source."""


def record_translation(source, content, locale):
    """Make wagtail-localize hold `content` (field values in `locale`) as the
    translation of `source` into `locale`, and return the `Translation`;
    its target is left for the caller to save."""
    source_record = current_source(source)
    original = source_record.as_instance()
    translated = source_record.as_instance()
    for field, value in content.items():
        if is_rows(translated, field):
            translate_rows(source_record, getattr(translated, field).all(), value, locale)
            continue
        setattr(translated, field, value)
        if isinstance(translated._meta.get_field(field), StreamField):
            value = getattr(translated, field)
            keep_block_ids(getattr(original, field), value)
            # Stored as wagtail-localize reads its source: a list block's
            # items are only extracted once they have ids.
            setattr(translated, field, value.get_prep_value())
    translation, _ = Translation.objects.update_or_create(
        source=source_record, target_locale=locale, defaults={"enabled": True}
    )
    record_strings(source_record, translated, locale)
    record_overrides(source_record, original, translated, locale)
    return translation


def is_rows(instance, field):
    """Whether `field` is one of `instance`'s inline rows (a child relation)."""
    return instance._meta.get_field(field).one_to_many


def translate_rows(source_record, rows, content, locale):
    """Give `rows` (the source's inline rows, in their order) the translated
    field values in `content`, one dict a row: wagtail-localize pairs them
    with the source's by their translation keys, which the rows keep."""
    rows = list(rows)
    if len(rows) != len(content):
        raise StructureMismatch(
            f"“{source_record.object_repr}” in {locale}: {len(content)} rows where the "
            f"source has {len(rows)}."
        )
    for row, fields in zip(rows, content, strict=True):
        for field, value in fields.items():
            setattr(row, field, value)


def current_source(source):
    """`source`'s `TranslationSource`, brought up to date when the page has a
    revision since, or its app's models changed since (wagtail-localize's
    schema version: a source frozen before its inline rows were translatable
    holds them without their keys); not on every run, since a page whose list
    blocks were stored without ids gets new ones, and so new segment paths,
    each time it is read."""
    record, created = TranslationSource.get_or_create_from_instance(source)
    revision = getattr(source, "latest_revision_id", None)
    stale = json.loads(record.content_json).get("latest_revision") != revision
    if not created and (stale or record.schema_out_of_date()):
        record.update_from_db()
    return record


def needs_saving(translation, target, fields):
    """Whether `target` differs, in `fields` or in its links, from what
    wagtail-localize would make of its translation: block ids aside, which
    follow the source's. Its links (to other pages, in its inline rows too)
    lead to their translations once there are some, translated maybe after
    `target` was saved."""
    made = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    return any(
        without_ids(stored(target, field)) != without_ids(stored(made, field))
        for field in [*fields, *links(type(target))]
    )


def links(model):
    """`model`'s links and inline rows that wagtail-localize translates."""
    return [
        field.field_name
        for field in get_translatable_fields(model)
        if isinstance(field, TranslatableField)
        and (field.get_field(model).many_to_one or field.get_field(model).one_to_many)
    ]


def stored(instance, field):
    if is_rows(instance, field):
        return [row_values(row) for row in getattr(instance, field).all()]
    if instance._meta.get_field(field).many_to_one:
        return getattr(instance, instance._meta.get_field(field).attname)
    value = getattr(instance, field)
    return value.get_prep_value() if isinstance(value, StreamValue) else value


def row_values(row):
    """An inline row's own values: not its id or its page's, which differ
    between the saved row and the one wagtail-localize would make."""
    return {
        field.attname: field.value_from_object(row)
        for field in row._meta.concrete_fields
        if not field.primary_key and not isinstance(field, ParentalKey)
    }


def without_ids(data):
    """StreamField data minus block ids."""
    if isinstance(data, dict):
        return {key: without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [without_ids(item) for item in data]
    return data


def record_strings(source_record, translated, locale):
    """A `StringTranslation` for each of the source's strings, from the
    string at the same place in `translated`."""
    wanted = segments_by_path(translated, StringSegmentValue)
    for path, segments in segments_by_path_in(source_record).items():
        strings = wanted.get(path, [])
        if len(strings) != len(segments):
            raise StructureMismatch(
                f"“{source_record.object_repr}” in {locale}: {len(strings)} strings at "
                f"{path!r} where the source has {len(segments)}."
            )
        for segment, string in zip(segments, strings, strict=True):
            translate_string(segment, locale, string.string.data)


def translate_string(segment, locale, data):
    """Make `data` the translation of the source's string `segment`."""
    existing = StringTranslation.objects.filter(
        translation_of=segment.string, locale=locale, context=segment.context
    ).first()
    if existing is None:
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            data=data,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    elif existing.data != data:
        existing.data, existing.has_error = data, False
        existing.save()


def record_overrides(source_record, source, translated, locale):
    """A `SegmentOverride` where `translated` differs from its source in
    something wagtail-localize synchronises but lets a translation override
    (a link to another page, an address)."""
    english = segments_by_path(source, OverridableSegmentValue)
    for path, segments in segments_by_path(translated, OverridableSegmentValue).items():
        if path not in english:
            raise StructureMismatch(
                f"“{source_record.object_repr}” in {locale}: {path!r} is not in the source."
            )
        if english[path][0].data == segments[0].data:
            continue
        context = TranslationContext.objects.get(object=source_record.object, path=path)
        data_json = json.dumps(segments[0].data)
        SegmentOverride.objects.update_or_create(
            locale=locale, context=context, defaults={"data_json": data_json}
        )


def segments_by_path(instance, kind):
    """`instance`'s segments of `kind`, in order, by their path."""
    found = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, kind):
            found[segment.path].append(segment)
    return found


def segments_by_path_in(source_record):
    found = defaultdict(list)
    for segment in source_record.stringsegment_set.select_related("string", "context").order_by(
        "order"
    ):
        found[segment.context.path].append(segment)
    return found


def keep_block_ids(source_value, value):
    """Give the blocks of `value` (a translated StreamField's value) the ids of
    the blocks at the same places in `source_value`: a segment's path names its
    blocks by id, and Wagtail gives new blocks new ids."""
    if isinstance(source_value, StreamValue):
        for source_child, child in zip(source_value, value, strict=False):
            if source_child.block_type == child.block_type:
                child.id = source_child.id
                keep_block_ids(source_child.value, child.value)
    elif isinstance(source_value, ListValue):
        for source_child, child in zip(source_value.bound_blocks, value.bound_blocks, strict=False):
            child.id = source_child.id
            keep_block_ids(source_child.value, child.value)
    elif isinstance(source_value, StructValue):
        for name, child in value.items():
            if name in source_value:
                keep_block_ids(source_value[name], child)
