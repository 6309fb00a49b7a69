from .taxonomy import ContributingFactor
from .theme import ThemePage

__all__ = ["ContributingFactor", "ThemePage"]
