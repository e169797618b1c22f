"""Which official rules judge an incoming e-invoice, and their verdict.

A document is judged by every profile it claims, in its CustomizationID (BT-24) and in its
ProfileID (BT-23, the business process): Peppol BIS 3.0 (``urn:fdc:peppol.eu:...``), PINT-AE
(``urn:peppol:pint:billing-1@ae-1`` / ``urn:peppol:bis:billing``). When the two disagree the
document is checked against both and refused with the findings of both, e.g. a PINT-AE invoice
carrying the Peppol BIS CustomizationID fails PINT-AE's ``aligned-ibrp-001-ae``.

A document that claims plain EN 16931 (``urn:cen.eu:en16931:2017`` and no Peppol or PINT
process, as most of CEN's official examples) is judged by the e-invoice plugin's ``en16931``
profile: the UBL 2.1 XSD and the CEN rules, without the Peppol layer.

The company's ``peppol_rules`` setting decides what a broken Peppol claim costs. ``enforce``
(default): a document that claims Peppol BIS 3.0 is held to it and refused when it breaks a
Peppol rule. ``warn``: EN 16931 (XSD + CEN) is the bar for such a document; the Peppol rules it
breaks are still run and listed as warnings on the bill, e.g. CEN's ``issue116.xml`` (a Swedish
organisation number Peppol refuses, PEPPOL-COMMON-R049). PINT-AE claims are always enforced.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

PEPPOL, PINT_AE, EN16931 = "peppol", "pint-ae", "en16931"
EN16931_ID = "urn:cen.eu:en16931:2017"
PEPPOL_ID = "urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PINT_AE_ID = "urn:peppol:pint:billing-1@ae-1"
PEPPOL_PROCESS, PINT_PROCESS = "urn:fdc:peppol.eu:", "urn:peppol:bis:billing"
ENFORCE, WARN = "enforce", "warn"
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


def _one(xml: bytes, profile: str):
    from plugins.einvoice.public import validate

    report = validate(xml, profile)
    return report.errors, report.warnings


def _as_warnings(findings, known) -> list:
    from plugins.einvoice.public import Finding

    note = "Peppol BIS 3.0 rule broken (accepted under EN 16931): "
    return [
        Finding(f.rule, "warning", f.location, note + f.message) for f in findings if f not in known
    ]


def judge(xml: bytes, peppol_rules: str = ENFORCE) -> Verdict:
    """The official verdict; NotADocument, or NotUBLError from the e-invoice plugin, when the
    bytes are not a UBL Invoice or CreditNote at all."""
    claims = claimed_profiles(*identifiers(xml))
    if not claims:
        from plugins.einvoice.public import detect_profile

        claims = [detect_profile(xml)]  # raises NotUBLError naming the CustomizationID
    advisory = peppol_rules == WARN and PEPPOL in claims
    if advisory:
        claims = list(dict.fromkeys(EN16931 if p == PEPPOL else p for p in claims))
    errors, warnings = [], []
    for profile in claims:
        found, noted = _one(xml, profile)
        errors += [f for f in found if f not in errors]
        warnings += [f for f in noted if f not in warnings]
    if advisory and not errors:
        found, noted = _one(xml, PEPPOL)
        warnings += _as_warnings(found, errors) + [f for f in noted if f not in warnings]
    return Verdict(not errors, claims[0], tuple(errors), tuple(warnings))
