from wagtail import blocks


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
