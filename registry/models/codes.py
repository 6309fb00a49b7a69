"""The Registry's codes, as its spreadsheet writes them, with the words
readers and staff see."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Factor(models.TextChoices):
    """The six contributing factors: each has its own column in the
    spreadsheet, holding its code when the factor applies. The site's
    contributing-factor snippets carry the same code (`registry_code`)."""

    FORENSIC = "F/MFE", _("False or misleading forensic evidence")
    FALSE_CONFESSION = "FC", _("False confession")
    LEGAL_DEFENSE = "ILD", _("Inadequate legal defense")
    PERJURY = "P/FA", _("Perjury or false accusation")
    MISTAKEN_ID = "MWID", _("Mistaken witness identification")
    MISCONDUCT = "OM", _("Official misconduct")


# CaseRecord's boolean field for each factor code.
FACTOR_FIELDS = {
    Factor.FORENSIC: "forensic_evidence",
    Factor.FALSE_CONFESSION: "false_confession",
    Factor.LEGAL_DEFENSE: "inadequate_defense",
    Factor.PERJURY: "perjury",
    Factor.MISTAKEN_ID: "mistaken_identification",
    Factor.MISCONDUCT: "official_misconduct",
}

# The Registry's case tags (column "Tags") and official-misconduct tags
# (column "OM Tags"), with the words its glossary gives them. A code not
# listed here is kept as it is and shown as the code itself.
TAGS = {
    "A": "Arson",
    "BM": "Bitemark",
    "CDC": "Co-defendant confessed",
    "CIU": "Conviction integrity unit",
    "CSH": "Child sex abuse hysteria",
    "CV": "Child victim",
    "F": "Female exoneree",
    "FED": "Federal case",
    "H": "Homicide",
    "IO": "Innocence organization",
    "JI": "Jailhouse informant",
    "JV": "Juvenile defendant",
    "M": "Misdemeanor",
    "NC": "No crime",
    "P": "Guilty plea",
    "PH": "Posthumous exoneration",
    "SA": "Sexual assault",
    "SBS": "Shaken baby syndrome",
}
MISCONDUCT_TAGS = {}

# How the spreadsheet separates the codes in one cell.
CODE_SEPARATOR = ";#"
