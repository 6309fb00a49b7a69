from .csp_report import CspReport
from .imports import ImportJob
from .navigation import (
    FooterLink,
    HeaderLink,
    NavigationLink,
    NavigationSettings,
    organisation_details,
)
from .organisation import (
    SOCIAL_IMAGE_SPEC,
    OrganisationSettings,
    SocialLinkBlock,
    SocialLinkValue,
    SocialPlatform,
)
from .wording import NavigationWording, OrganisationWording, Wording

__all__ = [
    "SOCIAL_IMAGE_SPEC",
    "CspReport",
    "FooterLink",
    "HeaderLink",
    "ImportJob",
    "NavigationLink",
    "NavigationSettings",
    "NavigationWording",
    "OrganisationSettings",
    "OrganisationWording",
    "SocialLinkBlock",
    "SocialLinkValue",
    "SocialPlatform",
    "Wording",
    "organisation_details",
]
