"""StreamField blocks for stories and theme explainers, one kind per module."""

from .explainer import KeyStatisticBlock, ReformsBlock, SectionBlock, StepsBlock
from .figures import RegistryFigureBlock
from .media import CaptionedImageBlock, DocumentLinkBlock, VideoBlock
from .quote import PullQuoteBlock
from .sources import CitationBlock
from .timeline import TimelineBlock

__all__ = [
    "CaptionedImageBlock",
    "CitationBlock",
    "DocumentLinkBlock",
    "KeyStatisticBlock",
    "PullQuoteBlock",
    "ReformsBlock",
    "RegistryFigureBlock",
    "SectionBlock",
    "StepsBlock",
    "TimelineBlock",
    "VideoBlock",
]
