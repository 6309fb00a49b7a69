from .choices import CompensationStatus, ExonerationBasis, Jurisdiction
from .index import StoryIndexPage
from .numbers import NumbersPage
from .related import RelatedStory, StoryRelatedAction
from .story import PRIVATE_FIELDS, ExonereeStoryPage
from .taxonomy import ContributingFactor
from .theme import ThemePage, ThemeRelatedAction

__all__ = [
    "PRIVATE_FIELDS",
    "CompensationStatus",
    "ContributingFactor",
    "ExonerationBasis",
    "ExonereeStoryPage",
    "Jurisdiction",
    "NumbersPage",
    "RelatedStory",
    "StoryIndexPage",
    "StoryRelatedAction",
    "ThemePage",
    "ThemeRelatedAction",
]
