"""The data migration that makes a page's inline rows (a home page's featured
stories, a donation appeal's gift impacts, the actions chosen for a story or
explainer) translatable, shared by the apps that hold them.

wagtail-localize pairs a translation's rows with its source's by their
translation key, and translates each row's text under that key: a row of a
translation that shares its source row's key keeps it through a sync.
"""

import uuid
from collections import defaultdict


def key_rows_like_their_pages(app_label, model_name):
    """A RunPython function giving each row of `model_name` (an Orderable with
    a ParentalKey `page`) its page's locale, and a translation key: a new one
    for each row of a source page, and for a translation's rows, the key of
    the source's row at the same place in their order (their sort order),
    where the source has one. Rows are keyed again if they have keys."""

    def key_rows(apps, schema_editor):
        Row = apps.get_model(app_label, model_name)
        Page = apps.get_model("wagtailcore", "Page")
        rows_by_page = defaultdict(list)
        for row in Row.objects.order_by("page_id", "sort_order", "pk"):
            rows_by_page[row.page_id].append(row)
        pages = Page.objects.filter(pk__in=rows_by_page).values("pk", "translation_key", "locale")
        pages_by_key = defaultdict(list)
        for page in pages:
            pages_by_key[page["translation_key"]].append(page)
        source_locales = sources(apps, pages_by_key)
        for key, translations in pages_by_key.items():
            # The source is the page wagtail-localize translates from; else
            # the first made, since translations are copied from it.
            translations.sort(
                key=lambda page: (page["locale"] != source_locales.get(key), page["pk"])
            )
            source_keys = [uuid.uuid4() for __ in rows_by_page[translations[0]["pk"]]]
            for page in translations:
                for n, row in enumerate(rows_by_page[page["pk"]]):
                    row.translation_key = source_keys[n] if n < len(source_keys) else uuid.uuid4()
                    row.locale_id = page["locale"]
        changed = [row for rows in rows_by_page.values() for row in rows]
        Row.objects.bulk_update(changed, ["translation_key", "locale"], batch_size=500)

    return key_rows


def sources(apps, pages_by_key):
    """The locale each translation key's pages are translated from, by
    wagtail-localize (its first source), for the keys it translates."""
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    found = {}
    records = TranslationSource.objects.filter(object_id__in=list(pages_by_key))
    for record in records.order_by("-created_at"):
        found[record.object_id] = record.locale_id
    return found
