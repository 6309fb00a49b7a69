from .case_record import CaseRecord
from .codes import FACTOR_FIELDS, Factor

__all__ = ["FACTOR_FIELDS", "CaseRecord", "Factor"]
