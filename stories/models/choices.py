from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Jurisdiction(models.TextChoices):
    """US states, DC, the federal system, and other court systems."""

    AL = "AL", _("Alabama")
    AK = "AK", _("Alaska")
    AZ = "AZ", _("Arizona")
    AR = "AR", _("Arkansas")
    CA = "CA", _("California")
    CO = "CO", _("Colorado")
    CT = "CT", _("Connecticut")
    DE = "DE", _("Delaware")
    DC = "DC", _("District of Columbia")
    FL = "FL", _("Florida")
    GA = "GA", _("Georgia")
    HI = "HI", _("Hawaii")
    ID = "ID", _("Idaho")
    IL = "IL", _("Illinois")
    IN = "IN", _("Indiana")
    IA = "IA", _("Iowa")
    KS = "KS", _("Kansas")
    KY = "KY", _("Kentucky")
    LA = "LA", _("Louisiana")
    ME = "ME", _("Maine")
    MD = "MD", _("Maryland")
    MA = "MA", _("Massachusetts")
    MI = "MI", _("Michigan")
    MN = "MN", _("Minnesota")
    MS = "MS", _("Mississippi")
    MO = "MO", _("Missouri")
    MT = "MT", _("Montana")
    NE = "NE", _("Nebraska")
    NV = "NV", _("Nevada")
    NH = "NH", _("New Hampshire")
    NJ = "NJ", _("New Jersey")
    NM = "NM", _("New Mexico")
    NY = "NY", _("New York")
    NC = "NC", _("North Carolina")
    ND = "ND", _("North Dakota")
    OH = "OH", _("Ohio")
    OK = "OK", _("Oklahoma")
    OR = "OR", _("Oregon")
    PA = "PA", _("Pennsylvania")
    RI = "RI", _("Rhode Island")
    SC = "SC", _("South Carolina")
    SD = "SD", _("South Dakota")
    TN = "TN", _("Tennessee")
    TX = "TX", _("Texas")
    UT = "UT", _("Utah")
    VT = "VT", _("Vermont")
    VA = "VA", _("Virginia")
    WA = "WA", _("Washington")
    WV = "WV", _("West Virginia")
    WI = "WI", _("Wisconsin")
    WY = "WY", _("Wyoming")
    FEDERAL = "FED", _("Federal")
    OTHER = "OTHER", _("Other")

    @classmethod
    def name_of(cls, code):
        """The state's name in the active language, or `code` itself when it is
        not one of these: one translation looked up, where Django's
        `get_jurisdiction_display` translates every label (57) to build a map
        for each call, which a listing of stories pays per card."""
        try:
            return str(cls(code).label)
        except ValueError:
            return code

    @classmethod
    def by_english_name(cls):
        """{name: code} with the names in English, as the Registry writes them,
        whatever language is active (the labels are translated for visitors)."""
        with translation.override(None):
            return {str(label): code for code, label in cls.choices}


class ExonerationBasis(models.TextChoices):
    """How the National Registry of Exonerations says a conviction ends."""

    DECLARED_INNOCENT = "innocent", _("Declared innocent")
    PARDON = "pardon", _("Pardon")
    ACQUITTAL = "acquittal", _("Acquitted at retrial")
    CHARGES_DISMISSED = "dismissed", _("Charges dismissed")


class CompensationStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Not known")
    NOT_SOUGHT = "not_sought", _("Not sought")
    PENDING = "pending", _("Claim pending")
    AWARDED = "awarded", _("Compensated")
    DENIED = "denied", _("Denied")
