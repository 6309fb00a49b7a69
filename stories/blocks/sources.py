from wagtail import blocks


class CitationBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        max_length=200, help_text="E.g. “State v. Doe, ruling vacating conviction”."
    )
    publisher = blocks.CharBlock(
        max_length=120, required=False, help_text="The court, registry or outlet."
    )
    url = blocks.URLBlock(required=False, help_text="A link where readers can check it.")

    class Meta:
        icon = "link"
        template = "blocks/citation.html"
        description = "A source for the facts above: a court record, registry entry or report"
        preview_value = {
            "title": "Sample ruling vacating the conviction",
            "publisher": "Sample County Superior Court",
            "url": "https://example.org/ruling",
        }
