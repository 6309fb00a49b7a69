"""A national figure from the Registry's data, placed in a theme or a story."""

from django.core.exceptions import ValidationError

from wagtail import blocks

from registry.figures import FigureKind
from registry.models import Factor


class RegistryFigureBlock(blocks.StructBlock):
    figure = blocks.ChoiceBlock(
        choices=FigureKind.choices,
        default=FigureKind.FACTOR,
        help_text="Which national figure to show. It is counted afresh from the Registry’s "
        "data after every import: its title states what the numbers say today.",
    )
    factor = blocks.ChoiceBlock(
        choices=Factor.choices,
        required=False,
        help_text="For “One contributing factor’s share” only: which factor.",
    )

    class Meta:
        label = "Registry figure"  # as staff call it, and the staff guide
        icon = "table"
        template = "blocks/registry_figure.html"
        description = (
            "A chart of the National Registry of Exonerations’ figures, with its table, "
            "source and date, linked to the stories"
        )
        preview_value = {"figure": FigureKind.FACTOR, "factor": Factor.MISTAKEN_ID}

    def clean(self, value):
        value = super().clean(value)
        if value["figure"] == FigureKind.FACTOR and not value["factor"]:
            raise blocks.StructBlockValidationError(
                block_errors={"factor": ValidationError("Choose the factor whose share to show.")}
            )
        return value
