"""read(): any UBL 2.1 Invoice or CreditNote (BIS 3.0, PINT-AE, plain EN 16931) into EDocument."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal, InvalidOperation

from plugins.einvoice.edocument import (
    ZERO,
    EAllowanceCharge,
    EDocument,
    ELine,
    EParty,
    ETaxSubtotal,
)
from plugins.einvoice.errors import NotUBLError
from plugins.einvoice.namespaces import NS
from plugins.einvoice.profiles import customization_id, profile_for
from plugins.einvoice.safexml import parse_ubl


def read(xml: bytes) -> EDocument:
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    tree = parse_ubl(xml)
    root = tree.getroot()
    credit = root.tag.endswith("}CreditNote")
    currency = _text(root, "cbc:DocumentCurrencyCode")
    totals = root.find("cac:LegalMonetaryTotal", NS)
    cid = customization_id(tree)
    line_tag = "cac:CreditNoteLine" if credit else "cac:InvoiceLine"
    return EDocument(
        kind="credit_note" if credit else "invoice",
        type_code=_text(root, "cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode"),
        number=_text(root, "cbc:ID"),
        issue_date=_date(root, "cbc:IssueDate"),
        due_date=_date(root, "cbc:DueDate") or _date(root, "cac:PaymentMeans/cbc:PaymentDueDate"),
        currency=currency,
        profile=profile_for(cid),
        customization_id=cid or None,
        buyer_reference=_text(root, "cbc:BuyerReference"),
        order_reference=_text(root, "cac:OrderReference/cbc:ID"),
        seller=_party(root.find("cac:AccountingSupplierParty/cac:Party", NS)),
        buyer=_party(root.find("cac:AccountingCustomerParty/cac:Party", NS)),
        lines=[_line(node, credit) for node in root.findall(line_tag, NS)],
        line_total=_amount(totals, "cbc:LineExtensionAmount"),
        allowance_total=_amount(totals, "cbc:AllowanceTotalAmount"),
        charge_total=_amount(totals, "cbc:ChargeTotalAmount"),
        tax_exclusive=_amount(totals, "cbc:TaxExclusiveAmount"),
        tax_total=_tax_total(root, currency),
        tax_inclusive=_amount(totals, "cbc:TaxInclusiveAmount"),
        prepaid=_amount(totals, "cbc:PrepaidAmount"),
        payable=_amount(totals, "cbc:PayableAmount"),
        sha256=hashlib.sha256(bytes(xml)).hexdigest(),
        rounding=_amount(totals, "cbc:PayableRoundingAmount"),
        allowance_charges=[_allowance(n) for n in root.findall("cac:AllowanceCharge", NS)],
        tax_subtotals=_subtotals(root, currency),
        tax_currency=_text(root, "cbc:TaxCurrencyCode"),
        tax_total_tax_currency=_tax_total_in(root, _text(root, "cbc:TaxCurrencyCode")),
        preceding_invoice=_text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
        uuid=_text(root, "cbc:UUID"),
        iban=_text(root, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID"),
        payment_means_code=_text(root, "cac:PaymentMeans/cbc:PaymentMeansCode"),
    )


# ---- values ------------------------------------------------------------------------------
def _text(node, path: str) -> str | None:
    if node is None:
        return None
    return _node_text(node.find(path, NS))


def _node_text(node) -> str | None:
    if node is None or node.text is None or not node.text.strip():
        return None
    return node.text.strip()


def _decimal(value: str | None, default: Decimal | None = ZERO) -> Decimal | None:
    if value is None:
        return default
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise NotUBLError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise NotUBLError(f"{value!r} is not a finite number")
    return number


def _amount(node, path: str, default: Decimal | None = ZERO) -> Decimal | None:
    return _decimal(_text(node, path), default)


def _date(node, path: str) -> dt.date | None:
    value = _text(node, path)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise NotUBLError(f"{path.split(':')[-1]} {value!r} is not a YYYY-MM-DD date") from None


# ---- parties -----------------------------------------------------------------------------
def _party(node) -> EParty:
    if node is None:
        return EParty()
    endpoint = node.find("cbc:EndpointID", NS)
    vat_id, tax_id = _tax_ids(node)
    return EParty(
        name=_text(node, "cac:PartyName/cbc:Name")
        or _text(node, "cac:PartyLegalEntity/cbc:RegistrationName"),
        endpoint_scheme=endpoint.get("schemeID") if endpoint is not None else None,
        endpoint_id=_text(node, "cbc:EndpointID"),
        vat_id=vat_id,
        tax_id=tax_id,
        legal_id=_text(node, "cac:PartyLegalEntity/cbc:CompanyID"),
        country=_text(node, "cac:PostalAddress/cac:Country/cbc:IdentificationCode"),
        subdivision=_text(node, "cac:PostalAddress/cbc:CountrySubentity"),
        city=_text(node, "cac:PostalAddress/cbc:CityName"),
        street=_text(node, "cac:PostalAddress/cbc:StreetName"),
        postal_code=_text(node, "cac:PostalAddress/cbc:PostalZone"),
        email=_text(node, "cac:Contact/cbc:ElectronicMail"),
        legal_name=_text(node, "cac:PartyLegalEntity/cbc:RegistrationName"),
    )


def _tax_ids(node) -> tuple[str | None, str | None]:
    vat_id = tax_id = None
    for scheme in node.findall("cac:PartyTaxScheme", NS):
        value = _text(scheme, "cbc:CompanyID")
        if (_text(scheme, "cac:TaxScheme/cbc:ID") or "").upper() == "VAT":
            vat_id = vat_id or value
        else:
            tax_id = tax_id or value
    return vat_id, tax_id


# ---- lines -------------------------------------------------------------------------------
def _line(node, credit: bool) -> ELine:
    quantity = node.find("cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity", NS)
    category = node.find("cac:Item/cac:ClassifiedTaxCategory", NS)
    allowances = [_allowance(n) for n in node.findall("cac:AllowanceCharge", NS)]
    return ELine(
        line_id=_text(node, "cbc:ID") or "",
        description=_text(node, "cac:Item/cbc:Description"),
        name=_text(node, "cac:Item/cbc:Name"),
        item_code=_text(node, "cac:Item/cac:SellersItemIdentification/cbc:ID"),
        quantity=_decimal(_node_text(quantity)),
        unit_code=quantity.get("unitCode") if quantity is not None else None,
        unit_price=_amount(node, "cac:Price/cbc:PriceAmount"),
        price_base_quantity=_amount(node, "cac:Price/cbc:BaseQuantity", Decimal("1")),
        net_amount=_amount(node, "cbc:LineExtensionAmount"),
        tax_category=_text(category, "cbc:ID"),
        tax_rate=_amount(category, "cbc:Percent") if category is not None else ZERO,
        order_line_reference=_text(node, "cac:OrderLineReference/cbc:LineID"),
        exemption_reason=_text(category, "cbc:TaxExemptionReason"),
        allowance_total=sum((a.amount for a in allowances if not a.charge), ZERO),
        charge_total=sum((a.amount for a in allowances if a.charge), ZERO),
        standard_item_id=_text(node, "cac:Item/cac:StandardItemIdentification/cbc:ID"),
    )


# ---- document-level allowances and VAT -----------------------------------------------------
def _allowance(node) -> EAllowanceCharge:
    category = node.find("cac:TaxCategory", NS)
    return EAllowanceCharge(
        charge=(_text(node, "cbc:ChargeIndicator") or "").lower() == "true",
        amount=_amount(node, "cbc:Amount"),
        reason=_text(node, "cbc:AllowanceChargeReason"),
        reason_code=_text(node, "cbc:AllowanceChargeReasonCode"),
        tax_category=_text(category, "cbc:ID"),
        tax_rate=_amount(category, "cbc:Percent", None) if category is not None else None,
    )


def _tax_totals_in(root, currency: str | None):
    for total in root.findall("cac:TaxTotal", NS):
        amount = total.find("cbc:TaxAmount", NS)
        if amount is not None and amount.get("currencyID") == currency:
            yield total


def _tax_total(root, currency: str | None) -> Decimal:
    for total in _tax_totals_in(root, currency):
        return _amount(total, "cbc:TaxAmount")
    return ZERO


def _tax_total_in(root, currency: str | None) -> Decimal | None:
    if not currency:
        return None
    for total in _tax_totals_in(root, currency):
        return _amount(total, "cbc:TaxAmount")
    return None


def _subtotals(root, currency: str | None) -> list[ETaxSubtotal]:
    found = []
    for total in _tax_totals_in(root, currency):
        for sub in total.findall("cac:TaxSubtotal", NS):
            category = sub.find("cac:TaxCategory", NS)
            found.append(
                ETaxSubtotal(
                    taxable_amount=_amount(sub, "cbc:TaxableAmount"),
                    tax_amount=_amount(sub, "cbc:TaxAmount"),
                    category=_text(category, "cbc:ID"),
                    rate=_amount(category, "cbc:Percent", None) if category is not None else None,
                    exemption_reason=_text(category, "cbc:TaxExemptionReason"),
                    exemption_reason_code=_text(category, "cbc:TaxExemptionReasonCode"),
                )
            )
    return found
