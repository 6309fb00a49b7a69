"""StreamField blocks for stories and theme explainers, one kind per module."""

from .media import CaptionedImageBlock, DocumentLinkBlock, VideoBlock
from .quote import PullQuoteBlock
from .sources import CitationBlock
from .timeline import TimelineBlock

__all__ = [
    "CaptionedImageBlock",
    "CitationBlock",
    "DocumentLinkBlock",
    "PullQuoteBlock",
    "TimelineBlock",
    "VideoBlock",
]
