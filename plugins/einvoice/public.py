"""The public surface of the e-invoice plugin: the only module other plugins import.

    from plugins.einvoice.public import validate, read, detect_profile, NotUBLError

``validate`` runs the official rule files (UBL 2.1 XSD + CEN EN 16931 + Peppol BIS 3.0, or
UBL 2.1 XSD + PINT-AE) on Saxon-HE; ``read`` turns any UBL 2.1 Invoice or CreditNote into the
neutral ``EDocument``. Both parse XML from outside safely (no entities, no network, DOCTYPE
refused) and raise ``NotUBLError`` for anything that is not a UBL document.
"""

from plugins.einvoice.errors import NotUBLError
from plugins.einvoice.model import EAllowanceCharge, EDocument, ELine, EParty, ETaxSubtotal
from plugins.einvoice.profiles import PROFILES, detect_profile
from plugins.einvoice.reader import read
from plugins.einvoice.report import Finding, ValidationReport
from plugins.einvoice.rulefiles import versions as rule_versions
from plugins.einvoice.validator import validate, warm

__all__ = [
    "PROFILES",
    "EAllowanceCharge",
    "EDocument",
    "ELine",
    "EParty",
    "ETaxSubtotal",
    "Finding",
    "NotUBLError",
    "ValidationReport",
    "detect_profile",
    "read",
    "rule_versions",
    "validate",
    "warm",
]
