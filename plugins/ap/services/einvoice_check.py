"""Which official rules judge an incoming e-invoice, and their verdict.

A document is judged by every profile it claims, in its CustomizationID (BT-24) and in its
ProfileID (BT-23, the business process): Peppol BIS 3.0 (``urn:fdc:peppol.eu:...``), PINT-AE
(``urn:peppol:pint:billing-1@ae-1`` / ``urn:peppol:bis:billing``). When the two disagree the
document is checked against both and refused with the findings of both, e.g. a PINT-AE invoice
carrying the Peppol BIS CustomizationID fails PINT-AE's ``aligned-ibrp-001-ae``.

A document that claims plain EN 16931 (``urn:cen.eu:en16931:2017`` and no Peppol or PINT
process, as most of CEN's official examples) is judged by EN 16931 alone: the UBL 2.1 XSD and
the CEN rules. The e-invoice plugin offers no such profile, so its Peppol stack is run (it holds
the CEN layer unchanged) and only the findings of the XSD and of the CEN layer are kept: CEN
names its rules ``BR-*`` and ``UBL-*``; ``PEPPOL-*`` and the national ``NL-R-*``, ``DK-R-*``
rules are Peppol's and bind only documents that claim Peppol.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

PEPPOL, PINT_AE, EN16931 = "peppol", "pint-ae", "en16931"
EN16931_ID = "urn:cen.eu:en16931:2017"
PEPPOL_ID = "urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PINT_AE_ID = "urn:peppol:pint:billing-1@ae-1"
PEPPOL_PROCESS, PINT_PROCESS = "urn:fdc:peppol.eu:", "urn:peppol:bis:billing"
CEN_PREFIXES = ("BR-", "UBL-")
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
    dtd_validation=False, attribute_defaults=False,
)  # fmt: skip


class NotADocument(ValueError):
    """Not well-formed XML, or a DOCTYPE (refused before anything reads it)."""


@dataclass(frozen=True)
class Verdict:
    valid: bool
    profile: str
    errors: tuple
    warnings: tuple

    @property
    def rule_ids(self) -> list[str]:
        return list(dict.fromkeys(f.rule for f in self.errors))


def identifiers(xml: bytes) -> tuple[str, str]:
    """(CustomizationID, ProfileID), read without expanding entities or loading DTDs."""
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise NotADocument(f"not well-formed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise NotADocument("a DOCTYPE is not allowed in an e-invoice")
    text = lambda name: (root.findtext(f"{{{CBC}}}{name}") or "").strip()  # noqa: E731
    return text("CustomizationID"), text("ProfileID")


def claimed_profiles(customization_id: str, profile_id: str) -> list[str]:
    """Profiles the document claims, its CustomizationID's first."""
    by_id = (
        PINT_AE if customization_id.startswith(PINT_AE_ID)
        else PEPPOL if PEPPOL_ID in customization_id
        else EN16931 if customization_id.startswith(EN16931_ID)
        else None
    )  # fmt: skip
    by_process = (
        PEPPOL if profile_id.startswith(PEPPOL_PROCESS)
        else PINT_AE if profile_id == PINT_PROCESS
        else None
    )  # fmt: skip
    claims = list(dict.fromkeys(p for p in (by_id, by_process) if p))
    if PEPPOL in claims and EN16931 in claims:  # Peppol's stack includes EN 16931's rules
        claims.remove(EN16931)
    return claims


def _cen_only(findings) -> tuple:
    return tuple(f for f in findings if f.rule == "XSD" or f.rule.startswith(CEN_PREFIXES))


def _one(xml: bytes, profile: str):
    from plugins.einvoice.public import PROFILES, validate

    if profile != EN16931 or EN16931 in PROFILES:
        report = validate(xml, profile)
        return report.errors, report.warnings
    report = validate(xml, PEPPOL)
    return _cen_only(report.errors), _cen_only(report.warnings)


def judge(xml: bytes) -> Verdict:
    """The official verdict; NotADocument, or NotUBLError from the e-invoice plugin, when the
    bytes are not a UBL Invoice or CreditNote at all."""
    claims = claimed_profiles(*identifiers(xml))
    if not claims:
        from plugins.einvoice.public import detect_profile

        claims = [detect_profile(xml)]  # raises NotUBLError naming the CustomizationID
    errors, warnings = [], []
    for profile in claims:
        found, noted = _one(xml, profile)
        errors += [f for f in found if f not in errors]
        warnings += [f for f in noted if f not in warnings]
    return Verdict(not errors, claims[0], tuple(errors), tuple(warnings))
