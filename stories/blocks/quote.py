from wagtail import blocks


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=500, help_text="The words, without quotation marks.")
    attribution = blocks.CharBlock(
        max_length=120,
        help_text="Who said it, and in what role, e.g. “Maria Lopez, exoneree”.",
    )

    class Meta:
        icon = "openquote"
        template = "blocks/pull_quote.html"
        description = "A short quote set large, with who said it"
        preview_value = {
            "quote": "I spent eleven years waiting for someone to look at the evidence again.",
            "attribution": "Sample exoneree",
        }
