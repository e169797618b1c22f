"""Plain words for official findings: which field of the document to fix.

The official messages name EN 16931 business terms (BT-10, IBT-049, BTAE-02, ...). A few rules
get a hand-written hint; the rest are explained by the first business term they cite that a
person can edit (computed amounts are skipped: fixing them means fixing an input). The field
is a neutral path in the terms of ``documents.Document`` (``buyer.endpoint``,
``lines[2].exemption_reason``); plugins translate it to their own forms.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from plugins.einvoice.report import Finding


@dataclass(frozen=True)
class Blocker:
    profile: str
    rule: str
    field: str  # neutral path, e.g. "buyer.endpoint"; "document" when nothing better is known
    hint: str  # what to do, in plain words
    message: str  # the official message, unchanged

    def as_dict(self) -> dict:
        return asdict(self)


# Business term number -> (field, plain label). Only terms a person enters or chooses.
TERMS = {
    "3": ("type_code", "the document type (tax invoice / out of scope)"),
    "5": ("currency", "the invoice currency"),
    "6": ("tax_currency", "the VAT accounting currency"),
    "9": ("due_date", "the due date"),
    "10": ("buyer_reference", "the buyer reference"),
    "13": ("order_reference", "the order reference"),
    "20": ("payment_terms", "the payment terms"),
    "25": ("preceding_invoice", "the invoice this credit note corrects"),
    "27": ("seller.name", "the company's legal name"),
    "30": ("seller.legal_id", "the company's trade licence (legal registration) number"),
    "31": ("seller.trn", "the company's VAT number / TRN"),
    "34": ("seller.endpoint", "the company's Peppol ID (electronic address)"),
    "35": ("seller.address", "the company's street address"),
    "37": ("seller.city", "the company's city"),
    "39": ("seller.subdivision", "the company's emirate / region"),
    "40": ("seller.country", "the company's country"),
    "44": ("buyer.name", "the customer's name"),
    "47": ("buyer.legal_id", "the customer's legal registration number"),
    "48": ("buyer.vat_id", "the customer's VAT number / TRN"),
    "49": ("buyer.endpoint", "the customer's Peppol ID (electronic address)"),
    "50": ("buyer.address", "the customer's street address"),
    "52": ("buyer.city", "the customer's city"),
    "54": ("buyer.subdivision", "the customer's emirate / region"),
    "55": ("buyer.country", "the customer's country"),
    "81": ("payment_means.code", "the payment means"),
    "84": ("payment_means.iban", "the IBAN payments go to"),
    "120": ("exemption_reason", "the VAT exemption reason"),
    "121": ("exemption_reason", "the VAT exemption reason code"),
    "129": ("quantity", "the quantity"),
    "130": ("unit_code", "the unit of measure"),
    "146": ("unit_price", "the unit price"),
    "151": ("tax_category", "the VAT category"),
    "152": ("tax_rate", "the VAT rate"),
}
# UAE extension terms (BTAE-nn) and groups (IBG-nn), keyed like TERMS with a prefix.
TERMS |= {
    "AE2": ("transaction_flags", "the UAE transaction type flags"),
    "AE3": ("credit_reason", "the credit note reason"),
    "AE9": ("lines.goods_type", "the type of goods (reverse charge)"),
    "AE12": ("seller.legal_id_authority", "the authority that issued the trade licence"),
    "AE15": ("seller.legal_id_type", "the company's registration type (TL, EID, PAS, CD)"),
    "AE16": ("buyer.legal_id_type", "the customer's registration type (TL, EID, PAS, CD)"),
    "G3": ("preceding_invoice", "the invoice this credit note corrects"),
}
LINE_TERMS = {"120", "121", "129", "130", "146", "151", "152"}
LOW_PRIORITY = {"3"}  # the type code follows from the content; name another term if there is one

RULE_HINTS = {
    "PEPPOL-EN16931-R003": ("buyer_reference", "Enter a buyer reference or an order reference."),
    "ibr-147-ae": (
        "unit_price",
        "The UAE rule computes quantity x unit price in binary floating point, which rounds "
        "this line's half cent the other way than the exact amount; use a unit price with at "
        "most 2 decimals, or another quantity.",
    ),
    "ibr-151-ae": (
        "type_code",
        "A document with only exempt / out-of-scope lines is not a tax invoice (type 480/81).",
    ),
    "ibr-143-ae": (
        "seller.address",
        "Complete the company address: street, city and emirate are all required.",
    ),
    "ibr-144-ae": (
        "buyer.address",
        "Complete the customer's address: street, city and emirate / region (outside the UAE "
        "an ISO 3166-2 code such as BE-BRU) are all required.",
    ),
    "PEPPOL-EN16931-R120": (
        "unit_price",
        "A line's net amount must equal quantity x unit price minus its discount; give "
        "prices and discounts no more decimals than the currency has.",
    ),
    # Peppol BIS's endpoint rules cite no business term (BT-49 / BT-34).
    "PEPPOL-EN16931-R010": (
        "buyer.endpoint",
        "Enter the customer's Peppol ID (electronic address), e.g. 0208:0403019261.",
    ),
    "PEPPOL-EN16931-R020": (
        "seller.endpoint",
        "Enter the company's Peppol ID (electronic address), e.g. 0208:0403019261.",
    ),
    # Credit notes here always name the invoice they correct; only VD may not (PINT-AE).
    "ibr-055-ae": (
        "credit_reason",
        "A volume discount (VD) covers several invoices, so its credit note may not name one; "
        "a credit note of one invoice takes a reason DL8.61.1.A to E.",
    ),
    "BR-CO-25": ("due_date", "Enter a due date or payment terms: an amount is due."),
    "BR-61": ("payment_means.iban", "Enter the IBAN payments go to (credit transfer)."),
    "BR-CO-09": ("seller.vat_id", "VAT numbers must start with their ISO country code."),
}

_TERM = re.compile(r"\b(I?BT|BTAE|IBG)-0*(\d+)\b", re.IGNORECASE)
_PREFIX = {"BT": "", "IBT": "", "BTAE": "AE", "IBG": "G"}  # keys upper-cased
_LINE = re.compile(r"(?:Invoice|CreditNote)Line\[(\d+)\]")


def explain(profile: str, finding: Finding) -> Blocker:
    field, hint = _field_and_hint(finding)
    line = _LINE.search(finding.location or "")
    if line and (field in {TERMS[t][0] for t in LINE_TERMS} or field == "unit_price"):
        field = f"lines[{line.group(1)}].{field}"
    elif field in {TERMS[t][0] for t in LINE_TERMS}:
        field = f"lines.{field}"
    return Blocker(profile, finding.rule, field, hint, finding.message)


def _field_and_hint(finding: Finding) -> tuple[str, str]:
    if finding.rule in RULE_HINTS:
        return RULE_HINTS[finding.rule]
    if finding.rule == "XSD":
        return "document", "The XML does not follow the UBL 2.1 schema: " + finding.message
    text = _consequent_first(finding.message)
    keys = [_PREFIX[kind.upper()] + number for kind, number in _TERM.findall(text)]
    keys = [k for k in keys if k in TERMS]
    keys.sort(key=lambda k: k in LOW_PRIORITY)  # stable: message order otherwise
    if keys:
        field, label = TERMS[keys[0]]
        return field, f"Check {label}: {_short(finding.message)}"
    return "document", _short(finding.message)


_CONDITION = re.compile(r"^\[[^\]]+\]\s*-?\s*(?:when|if|in case|where)\b(.*)$", re.I | re.S)
_THEN = re.compile(r",\s*(?:then\s+)?|\s+then\s+", re.I)


def _consequent_first(message: str) -> str:
    """ "When A, then B MUST ..." asks to fix B: read B's terms before A's."""
    match = _CONDITION.match(message)
    if not match:
        return message
    parts = _THEN.split(match.group(1), maxsplit=1)
    return f"{parts[1]} {parts[0]}" if len(parts) == 2 else message


def _short(message: str) -> str:
    return re.sub(r"^\[[^\]]+\]\s*-?\s*", "", message)
