import re
from dataclasses import dataclass

from wagtail import blocks

YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


@dataclass
class TimelineEntry:
    date: str
    event: str
    # Between conviction and exoneration: drawn on the tinted stretch of the line.
    in_custody: bool = False
    # The first entry at or after the exoneration, which says how long it took.
    freed_after: object = None


def timeline_entries(events, story=None):
    """The events of a timeline, each placed against the story's conviction and
    exoneration years when it has them (a theme or a preview may not)."""
    convicted = getattr(story, "conviction_year", None)
    exonerated = getattr(story, "exoneration_year", None)
    entries, freed = [], False
    for event in events:
        entry = TimelineEntry(date=event["date"], event=event["event"])
        match = YEAR.search(entry.date)
        if convicted and exonerated and match:
            year = int(match.group())
            entry.in_custody = convicted <= year < exonerated
            if year >= exonerated and not freed:
                entry.freed_after, freed = story.years_lost, True
        entries.append(entry)
    return entries


class TimelineEventBlock(blocks.StructBlock):
    date = blocks.CharBlock(
        max_length=40,
        help_text="As precise as the record allows: “1994”, “March 1994” or “12 March 1994”.",
    )
    event = blocks.TextBlock(max_length=300, help_text="What happened, in one or two sentences.")


class TimelineBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, default="Case timeline")
    events = blocks.ListBlock(TimelineEventBlock(), min_num=2)

    class Meta:
        icon = "time"
        template = "blocks/timeline.html"
        description = "The case in dated steps, from the crime to the exoneration"
        preview_value = {
            "heading": "Case timeline",
            "events": [
                {"date": "1994", "event": "A robbery; a witness picks a photo from an array."},
                {"date": "1995", "event": "Convicted on the identification alone."},
                {"date": "2006", "event": "DNA testing excludes him; conviction vacated."},
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["entries"] = timeline_entries(value["events"], context.get("page"))
        return context
