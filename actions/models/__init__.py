from .base import ActionIndexPage, ActionPage
from .consent import ConsentStatement
from .donate import DonatePage, GiftImpact
from .letter import LetterCompletion, LetterPage
from .petition import PetitionPage, Signature
from .settings import ActionSettings, ActionWording
from .signup import SignUpFormField, SignUpPage, SignUpSubmission

__all__ = [
    "ActionIndexPage",
    "ActionPage",
    "ActionSettings",
    "ActionWording",
    "ConsentStatement",
    "DonatePage",
    "GiftImpact",
    "LetterCompletion",
    "LetterPage",
    "PetitionPage",
    "SignUpFormField",
    "SignUpPage",
    "SignUpSubmission",
    "Signature",
]
