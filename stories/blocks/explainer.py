"""Blocks for theme explainers: how a part of the system fails and how to fix it."""

from wagtail import blocks


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "doc-full"
        template = "blocks/section.html"
        description = "A headed section of explanation"
        preview_value = {
            "heading": "Why memory fails",
            "text": "<p>Memory is reconstructed each time we recall it.</p>",
        }


class KeyStatisticBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=20, help_text="The number itself, e.g. “69%”.")
    label = blocks.CharBlock(
        max_length=200,
        help_text="What it counts, e.g. “of DNA exonerations involved eyewitness error”.",
    )
    source_title = blocks.CharBlock(max_length=200, help_text="Where the figure comes from.")
    source_url = blocks.URLBlock(required=False)

    class Meta:
        label = "Key figure"  # as staff call it, and the staff guide
        icon = "table"
        template = "blocks/key_statistic.html"
        description = "One key figure, large, with its source"
        preview_value = {
            "figure": "00%",
            "label": "of sample cases involved this factor",
            "source_title": "Sample registry",
        }


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="How it goes wrong")
    steps = blocks.ListBlock(
        blocks.TextBlock(max_length=400, help_text="One step, in a sentence or two."), min_num=2
    )

    class Meta:
        label = "How it goes wrong"
        icon = "list-ol"
        template = "blocks/steps.html"
        description = "The chain of events that leads to a wrongful conviction, step by step"
        preview_value = {
            "heading": "How it goes wrong",
            "steps": ["A witness glimpses a stranger.", "Police show a suggestive line-up."],
        }


class ReformBlock(blocks.StructBlock):
    reform = blocks.CharBlock(max_length=120, help_text="The change, e.g. “Double-blind line-ups”.")
    explanation = blocks.TextBlock(max_length=500, help_text="What it changes and why it works.")


class ReformsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="The reforms that fix it")
    reforms = blocks.ListBlock(ReformBlock(), min_num=1)

    class Meta:
        icon = "tick"
        template = "blocks/reforms.html"
        description = "The policy changes that prevent this kind of wrongful conviction"
        preview_value = {
            "heading": "The reforms that fix it",
            "reforms": [
                {"reform": "Record interrogations", "explanation": "Recording deters coercion."}
            ],
        }
