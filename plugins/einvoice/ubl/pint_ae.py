"""PINT-AE: the UAE's Peppol International invoice (billing), as the FTA's rules check it.

Differences from Peppol BIS that the UAE jurisdiction rules require: bare 15-digit TRNs
(ibr-132-ae), a UUID (ibr-193-ae) and transaction-type flags (ibr-154-ae), trade-licence
details (ibr-150/172-ae), emirate codes in addresses (ibr-128/143/144-ae), the gross price and
base quantity on every line (ibr-126-ae), each line's amount with VAT (ibr-194/104-ae), a credit
note reason (ibr-158-ae), and for foreign currency the exchange rate and AED totals (ibr-153,
159, 175-ae). No rate on exempt lines and breakdowns (aligned-ibrp-e-05, ibr-121-ae).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from plugins.einvoice.codes import UAE_EMIRATES, UAE_STANDARD_RATE
from plugins.einvoice.documents import Line, Party
from plugins.einvoice.ubl.builder import UblWriter
from plugins.einvoice.ubl.elements import add, amount, element, number
from plugins.einvoice.ubl.profile import Profile

OUT_OF_SCOPE = frozenset({"E", "O"})

AED = "AED"


class PintAeWriter(UblWriter):
    customization_id = "urn:peppol:pint:billing-1@ae-1"
    profile_id = "urn:peppol:bis:billing"

    def problems(self) -> list[str]:
        return super().problems() + self._uae_problems()

    def _uae_problems(self) -> list[str]:
        doc, found = self.doc, []
        if not re.fullmatch(r"[01]{8}", doc.transaction_flags or ""):
            found.append("transaction flags must be 8 characters of 0 and 1")
        if not doc.seller.trn:
            found.append("the seller needs a TRN")
        for role, party in (("seller", doc.seller), ("buyer", doc.buyer)):
            if not (party.address_lines and party.city and party.subdivision):
                found.append(f"the {role} address needs a street, a city and an emirate/region")
            elif party.country == "AE" and party.subdivision not in UAE_EMIRATES:
                found.append(f"the {role} emirate must be one of {', '.join(UAE_EMIRATES)}")
        if doc.is_credit_note and not doc.credit_reason:
            found.append("a UAE credit note needs a reason code (DL8.61.1.A-E or VD)")
        if not doc.is_credit_note:
            if not doc.payment_means:
                found.append("a UAE invoice needs a payment means")
            if not doc.due_date and self.totals.payable > 0:
                found.append("a UAE invoice with an amount due needs a due date")
        if doc.currency != AED and not (doc.tax_currency == AED and doc.exchange_rate):
            found.append("a foreign-currency invoice needs an exchange rate to AED")
        for line in doc.lines:
            found += self._line_problems(line)
        return found

    def _line_problems(self, line: Line) -> list[str]:
        found = []
        if line.tax_category == "S" and line.tax_rate != Decimal(UAE_STANDARD_RATE):
            found.append(f"line {line.id}: the UAE standard rate is {UAE_STANDARD_RATE} %")
        if line.tax_category == "AE":
            if not (line.gtin and line.goods_type):
                found.append(f"line {line.id}: reverse charge needs the GTIN and goods type")
            if not self.doc.buyer.trn:
                found.append(f"line {line.id}: reverse charge needs the buyer's TRN")
        if line.tax_category == "E" and not line.exemption_code:
            found.append(f"line {line.id}: an exempt line needs an exemption reason code")
        if _double_disagrees(line, self.totals.line_nets[self.doc.lines.index(line)]):
            found.append(
                f"line {line.id}: {number(line.quantity)} x {number(line.unit_price)} lands on "
                "exactly half a cent, which the UAE rule ibr-147-ae evaluates in binary floating "
                "point and rounds the other way; use a unit price with at most 2 decimals or "
                "another quantity"
            )
        return found

    # ---- header --------------------------------------------------------------------------
    def type_code(self) -> str:
        """ibr-151-ae: only exempt / out-of-scope lines make an "out of scope of VAT" document,
        480 (credit note 81), never a tax invoice 380 / 381."""
        if all(line.tax_category in OUT_OF_SCOPE for line in self.doc.lines):
            return "81" if self.doc.is_credit_note else "480"
        return super().type_code()

    def header(self) -> None:
        super().header()
        doc = self.doc
        self.basic("ProfileExecutionID", doc.transaction_flags)
        self.basic("UUID", self.uuid())
        if doc.is_credit_note:
            response = element("cac:DiscrepancyResponse")
            add(response, "cbc:ResponseCode", doc.credit_reason)
            self.put("DiscrepancyResponse", response)
        if doc.accounting_currency:
            self._exchange_rate()

    def _exchange_rate(self) -> None:
        doc = self.doc
        rate = element("cac:TaxExchangeRate")
        add(rate, "cbc:SourceCurrencyCode", doc.currency)
        add(rate, "cbc:TargetCurrencyCode", doc.tax_currency)
        add(rate, "cbc:CalculationRate", number(doc.exchange_rate))
        add(rate, "cbc:MathematicOperatorCode", "Multiply")
        self.put("TaxExchangeRate", rate)
        # BTAE-20: the total with VAT in AED travels as a described document reference.
        ref = element("cac:AdditionalDocumentReference")
        add(ref, "cbc:ID", doc.number)
        add(ref, "cbc:DocumentTypeCode", "aedtotal-incl-vat")
        add(ref, "cbc:DocumentDescription", amount(self.totals.tax_inclusive_accounting, 2))
        self.put("AdditionalDocumentReference", ref)

    # ---- parties -------------------------------------------------------------------------
    def tax_id(self, party: Party) -> str | None:
        return party.trn  # a foreign VAT number is not a TRN and may not appear here

    def legal_id(self, legal, party: Party) -> None:
        if party.legal_id:
            attrs = {"schemeAgencyID": party.legal_id_type}
            if party.legal_id_authority:
                attrs["schemeAgencyName"] = party.legal_id_authority
            add(legal, "cbc:CompanyID", party.legal_id, **attrs)

    # ---- tax categories ------------------------------------------------------------------
    def shows_percent(self, code: str, tag: str) -> bool:
        return code not in ("O", "E")

    def line_exemption(self, node, line: Line) -> None:
        if line.tax_category == "E":  # ibr-167-ae: the code travels on the exempt line too
            add(node, "cbc:TaxExemptionReasonCode", line.exemption_code)
            add(node, "cbc:TaxExemptionReason", line.exemption_reason)

    def classification(self, item, line: Line) -> None:
        if line.tax_category == "AE":  # ibr-166-ae: the kind of goods under reverse charge
            add(add(item, "cac:CommodityClassification"), "cbc:NatureCode", line.goods_type)

    # ---- lines ---------------------------------------------------------------------------
    def price(self, line: Line):
        price = super().price(line)
        add(price, "cbc:BaseQuantity", "1", unitCode=line.unit_code)
        gross = add(price, "cac:AllowanceCharge")  # ibr-126-ae: gross price, no discount
        add(gross, "cbc:ChargeIndicator", "false")
        self.money(Decimal(0), gross, "cbc:Amount")
        add(gross, "cbc:BaseAmount", number(line.unit_price), currencyID=self.cur)
        return price

    def line_extension(self, node, line: Line, net: Decimal, tax: Decimal) -> None:
        ext = add(node, "cac:ItemPriceExtension")
        self.money(net + tax, ext, "cbc:Amount")
        if line.tax_category != "E":  # ibr-163-ae: no line VAT amount on exempt lines
            self.money(tax, add(ext, "cac:TaxTotal"), "cbc:TaxAmount")


def _xpath_round(value: float) -> float:
    return math.floor(value + 0.5)  # XPath round(): halves go towards positive infinity


def _double_disagrees(line: Line, net: Decimal) -> bool:
    """Would ibr-147-ae, computing qty x price in xs:double, reject our exact half-up net?"""
    computed = float(line.quantity) * float(line.unit_price) - float(line.allowance)
    return _xpath_round(float(net) * 100) != _xpath_round(computed * 100)


def build(document) -> bytes:
    return PintAeWriter(document).build()


PROFILE = Profile(name="pint-ae", label="PINT-AE (UAE e-invoice)", build=build, writer=PintAeWriter)
