# Each row takes its page's locale; a translation's rows share the keys of
# its source's rows, by their order, so that they stay its own through a sync.

from django.db import migrations

from core.translated_rows import key_rows_like_their_pages


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0021_related_actions_locale_fields"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.RunPython(
            key_rows_like_their_pages("stories", "StoryRelatedAction"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            key_rows_like_their_pages("stories", "ThemeRelatedAction"), migrations.RunPython.noop
        ),
    ]
