"""The public surface of the e-invoice plugin: the only module other plugins import.

    from plugins.einvoice.public import validate, read, detect_profile, NotUBLError

Reading and checking documents from anywhere:
``validate`` runs the official rule files (UBL 2.1 XSD + CEN EN 16931 + Peppol BIS 3.0, or
UBL 2.1 XSD + PINT-AE) on Saxon-HE; ``read`` turns any UBL 2.1 Invoice or CreditNote into the
neutral ``EDocument``. Both parse XML from outside safely (no entities, no network, DOCTYPE
refused) and raise ``NotUBLError`` for anything that is not a UBL document.

Writing documents: the outgoing model (``documents``: Document, Party, Line, ...), its EN 16931
arithmetic (``totals``), the code lists (``codes``), identifier checks (``identifiers``) and the
UBL writers (``BUILTIN_PROFILES``, ``Profile``, ``ProfileError``, ``xml_profiles()``).
"""

from plugins.einvoice import codes, documents, identifiers, totals
from plugins.einvoice.documents import (
    Allowance,
    Document,
    Line,
    Party,
    PaymentMeans,
    PrecedingInvoice,
)
from plugins.einvoice.edocument import EAllowanceCharge, EDocument, ELine, EParty, ETaxSubtotal
from plugins.einvoice.errors import NotUBLError
from plugins.einvoice.explain import Blocker
from plugins.einvoice.labels import PROFILES as PROFILE_NAMES
from plugins.einvoice.namespaces import NS
from plugins.einvoice.preflight import checked_xml, preflight
from plugins.einvoice.profiles import PROFILES, SEALING_PROFILES, detect_profile
from plugins.einvoice.reader import read
from plugins.einvoice.registry import xml_profiles
from plugins.einvoice.report import Finding, ValidationReport
from plugins.einvoice.requirements import required_profiles
from plugins.einvoice.rulefiles import versions as rule_versions
from plugins.einvoice.totals import TaxGroup, Totals, compute_totals
from plugins.einvoice.ubl import BUILTIN_PROFILES, Profile, ProfileError
from plugins.einvoice.validator import validate, warm

__all__ = [
    "BUILTIN_PROFILES",
    "NS",
    "PROFILES",
    "PROFILE_NAMES",
    "SEALING_PROFILES",
    "Allowance",
    "Blocker",
    "Document",
    "EAllowanceCharge",
    "EDocument",
    "ELine",
    "EParty",
    "ETaxSubtotal",
    "Finding",
    "Line",
    "NotUBLError",
    "Party",
    "PaymentMeans",
    "PrecedingInvoice",
    "Profile",
    "ProfileError",
    "TaxGroup",
    "Totals",
    "ValidationReport",
    "checked_xml",
    "codes",
    "compute_totals",
    "detect_profile",
    "documents",
    "identifiers",
    "preflight",
    "read",
    "required_profiles",
    "rule_versions",
    "totals",
    "validate",
    "warm",
    "xml_profiles",
]
