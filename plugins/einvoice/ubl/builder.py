"""The common UBL 2.1 writer; each profile module subclasses it and changes only what differs.

Parts are produced by name and then emitted in the order the UBL 2.1 XSD prescribes for the
root (Invoice and CreditNote order their header differently), so a profile can add a part
without caring where it goes. All figures come from totals.compute_totals.
"""

from __future__ import annotations

import uuid as uuidlib
from decimal import Decimal

from lxml import etree

from plugins.einvoice.codes import CREDIT_TRANSFER, DEFAULT_EXEMPTION_CODES, amount_places
from plugins.einvoice.documents import Document, Line, Party
from plugins.einvoice.identifiers import split_peppol_id
from plugins.einvoice.totals import TaxGroup, Totals, compute_totals
from plugins.einvoice.ubl.elements import NS, add, amount, element, number, prune

_HEAD = ["CustomizationID", "ProfileID", "ProfileExecutionID", "ID", "UUID", "IssueDate"]
_MIDDLE = ["DocumentCurrencyCode", "TaxCurrencyCode", "AccountingCost", "BuyerReference"]
_PARTIES = ["AccountingSupplierParty", "AccountingCustomerParty", "PayeeParty", "Delivery"]
INVOICE_ORDER = [
    *_HEAD,
    "DueDate",
    "InvoiceTypeCode",
    "Note",
    "TaxPointDate",
    *_MIDDLE,
    "InvoicePeriod",
    "OrderReference",
    "BillingReference",
    "DespatchDocumentReference",
    "OriginatorDocumentReference",
    "AdditionalDocumentReference",
    "ProjectReference",
    *_PARTIES,
    "PaymentMeans",
    "PaymentTerms",
    "AllowanceCharge",
    "TaxExchangeRate",
    "TaxTotal",
    "LegalMonetaryTotal",
    "InvoiceLine",
]
CREDIT_NOTE_ORDER = [
    *_HEAD,
    "TaxPointDate",
    "CreditNoteTypeCode",
    "Note",
    *_MIDDLE,
    "InvoicePeriod",
    "DiscrepancyResponse",
    "OrderReference",
    "BillingReference",
    "DespatchDocumentReference",
    "AdditionalDocumentReference",
    "OriginatorDocumentReference",
    *_PARTIES,
    "PaymentMeans",
    "PaymentTerms",
    "TaxExchangeRate",
    "AllowanceCharge",
    "TaxTotal",
    "LegalMonetaryTotal",
    "CreditNoteLine",
]
_UUID_NAMESPACE = uuidlib.UUID("5b0c3f7e-6a4f-4c1e-9a7d-0c2f1e8b9d11")


class ProfileError(ValueError):
    """The document lacks something this profile requires; str() says what to fill in."""


class UblWriter:
    """Peppol-BIS-shaped UBL; subclasses override the hooks marked 'profile hook'."""

    customization_id = ""
    profile_id = ""

    def __init__(self, document: Document):
        self.doc = document
        self.totals: Totals = compute_totals(document)
        self.places = amount_places(document.currency)
        self.parts: dict[str, list] = {}

    # ---- entry point ---------------------------------------------------------------------
    def build(self, check: bool = True) -> bytes:
        """The XML; ``check=False`` writes it even when ``problems()`` are found, so the
        official rules can say what is wrong (einvoice's preflight does that)."""
        problems = self.problems() if check else []
        if problems:
            raise ProfileError(f"{self.doc.number}: " + "; ".join(problems))
        self.header()
        self.parties()
        self.payment()
        self.allowances()
        self.tax_totals()
        self.monetary_total()
        for line, net, tax in zip(
            self.doc.lines, self.totals.line_nets, self.totals.line_taxes, strict=True
        ):
            self.put(self.line_tag, self.line(line, net, tax))
        return etree.tostring(self.assemble(), xml_declaration=True, encoding="UTF-8")

    def problems(self) -> list[str]:  # profile hook: what the profile cannot do without
        doc, found = self.doc, []
        if not (doc.buyer_reference or doc.order_reference):
            found.append("a buyer reference or an order reference is required")
        if not doc.seller.endpoint or not doc.buyer.endpoint:
            found.append("seller and buyer need a Peppol participant id (endpoint)")
        if doc.is_credit_note and not doc.preceding_invoice:
            found.append("a credit note must name the invoice it corrects")
        pm = doc.payment_means
        if pm and pm.code in CREDIT_TRANSFER and not pm.iban:
            found.append("a credit transfer needs the payee IBAN")
        for line in doc.lines:
            if line.tax_category in DEFAULT_EXEMPTION_CODES and not line.exemption_reason:
                found.append(f"line {line.id}: category {line.tax_category} needs a reason")
        return found

    # ---- plumbing ------------------------------------------------------------------------
    @property
    def root_tag(self) -> str:
        return "cn:CreditNote" if self.doc.is_credit_note else "inv:Invoice"

    @property
    def line_tag(self) -> str:
        return "CreditNoteLine" if self.doc.is_credit_note else "InvoiceLine"

    def put(self, name: str, node) -> None:
        if node is not None:
            self.parts.setdefault(name, []).append(node)

    def basic(self, name: str, text, **attrs) -> None:
        if text is not None and str(text).strip():
            self.put(name, element(f"cbc:{name}", text, **attrs))

    def assemble(self):
        ns = "cn" if self.doc.is_credit_note else "inv"
        root = etree.Element(
            f"{{{NS[ns]}}}{self.root_tag.split(':')[1]}",
            nsmap={None: NS[ns], "cac": NS["cac"], "cbc": NS["cbc"]},
        )
        order = CREDIT_NOTE_ORDER if self.doc.is_credit_note else INVOICE_ORDER
        unknown = set(self.parts) - set(order)
        assert not unknown, f"parts without a place in the UBL order: {unknown}"
        for name in order:
            for node in self.parts.get(name, []):
                root.append(node)
        prune(root)
        return root

    def money(self, value: Decimal, parent, tag: str, currency: str | None = None):
        return add(parent, tag, amount(value, self.places), currencyID=currency or self.cur)

    @property
    def cur(self) -> str:
        return self.doc.currency

    # ---- header --------------------------------------------------------------------------
    def header(self) -> None:
        doc = self.doc
        self.basic("CustomizationID", self.customization_id)
        self.basic("ProfileID", self.profile_id)
        self.basic("ID", doc.number)
        self.basic("IssueDate", doc.issue_date.isoformat())
        if doc.is_credit_note:
            self.basic("CreditNoteTypeCode", self.type_code())
        else:
            self.basic("DueDate", doc.due_date and doc.due_date.isoformat())
            self.basic("InvoiceTypeCode", self.type_code())
        for note in self.notes():
            self.basic("Note", note)
        self.basic("DocumentCurrencyCode", doc.currency)
        self.basic("TaxCurrencyCode", doc.accounting_currency)
        self.basic("BuyerReference", doc.buyer_reference)
        if doc.order_reference:
            ref = element("cac:OrderReference")
            add(ref, "cbc:ID", doc.order_reference)
            self.put("OrderReference", ref)
        if doc.preceding_invoice:
            billing = element("cac:BillingReference")
            inv = add(billing, "cac:InvoiceDocumentReference")
            add(inv, "cbc:ID", doc.preceding_invoice.number)
            issued = doc.preceding_invoice.issue_date
            add(inv, "cbc:IssueDate", issued and issued.isoformat())
            self.put("BillingReference", billing)

    def type_code(self) -> str:  # profile hook: UNTDID 1001
        return "381" if self.doc.is_credit_note else "380"

    def notes(self) -> list[str]:  # profile hook
        return list(self.doc.notes)

    def uuid(self) -> str:
        """A stable UUID: the same document always gets the same one (the XML is hashed)."""
        if self.doc.uuid:
            return self.doc.uuid
        key = f"{self.doc.seller.trn or self.doc.seller.name}/{self.doc.type}/{self.doc.number}"
        return str(uuidlib.uuid5(_UUID_NAMESPACE, key))

    # ---- parties -------------------------------------------------------------------------
    def parties(self) -> None:
        for name, party in (
            ("AccountingSupplierParty", self.doc.seller),
            ("AccountingCustomerParty", self.doc.buyer),
        ):
            wrapper = element(f"cac:{name}")
            wrapper.append(self.party(party, seller=name == "AccountingSupplierParty"))
            self.put(name, wrapper)

    def party(self, party: Party, *, seller: bool):
        node = element("cac:Party")
        if party.endpoint:
            scheme, value = split_peppol_id(party.endpoint)
            add(node, "cbc:EndpointID", value, schemeID=scheme)
        name = add(node, "cac:PartyName")
        add(name, "cbc:Name", party.name)
        node.append(self.address(party))
        tax_id = self.tax_id(party)
        if tax_id:
            scheme = add(node, "cac:PartyTaxScheme")
            add(scheme, "cbc:CompanyID", tax_id)
            add(add(scheme, "cac:TaxScheme"), "cbc:ID", "VAT")
        legal = add(node, "cac:PartyLegalEntity")
        add(legal, "cbc:RegistrationName", party.legal_name or party.name)
        self.legal_id(legal, party)
        contact = add(node, "cac:Contact")
        add(contact, "cbc:Name", party.contact_name)
        add(contact, "cbc:Telephone", party.phone)
        add(contact, "cbc:ElectronicMail", party.email)
        return node

    def address(self, party: Party):
        node = element("cac:PostalAddress")
        lines = list(party.address_lines)
        add(node, "cbc:StreetName", lines[0] if lines else None)
        add(node, "cbc:AdditionalStreetName", lines[1] if len(lines) > 1 else None)
        add(node, "cbc:CityName", party.city)
        add(node, "cbc:PostalZone", party.postal_code)
        add(node, "cbc:CountrySubentity", party.subdivision)
        if len(lines) > 2:
            add(add(node, "cac:AddressLine"), "cbc:Line", ", ".join(lines[2:]))
        add(add(node, "cac:Country"), "cbc:IdentificationCode", party.country)
        return node

    def tax_id(self, party: Party) -> str | None:  # profile hook
        return party.vat_id or (f"AE{party.trn}" if party.trn else None)

    def legal_id(self, legal, party: Party) -> None:  # profile hook
        add(legal, "cbc:CompanyID", party.legal_id)

    # ---- payment -------------------------------------------------------------------------
    def payment(self) -> None:
        pm = self.doc.payment_means
        if pm:
            node = element("cac:PaymentMeans")
            add(node, "cbc:PaymentMeansCode", pm.code)
            add(node, "cbc:PaymentID", pm.payment_id)
            if pm.iban:
                account = add(node, "cac:PayeeFinancialAccount")
                add(account, "cbc:ID", pm.iban)
                add(account, "cbc:Name", pm.account_name)
                add(add(account, "cac:FinancialInstitutionBranch"), "cbc:ID", pm.bic)
            self.put("PaymentMeans", node)
        if self.doc.payment_terms:
            terms = element("cac:PaymentTerms")
            add(terms, "cbc:Note", self.doc.payment_terms)
            self.put("PaymentTerms", terms)

    # ---- allowances and tax --------------------------------------------------------------
    def allowances(self) -> None:
        for allowance in self.doc.allowances:
            node = element("cac:AllowanceCharge")
            add(node, "cbc:ChargeIndicator", "false")
            add(node, "cbc:AllowanceChargeReason", allowance.reason)
            self.money(allowance.amount, node, "cbc:Amount")
            node.append(
                self.category("cac:TaxCategory", allowance.tax_category, allowance.tax_rate)
            )
            self.put("AllowanceCharge", node)

    def category(self, tag, code, rate, group: TaxGroup | None = None, line: Line | None = None):
        node = element(tag)
        add(node, "cbc:ID", code)
        if self.shows_percent(code, tag):
            add(node, "cbc:Percent", number(rate))
        if group is not None and code in DEFAULT_EXEMPTION_CODES:
            add(node, "cbc:TaxExemptionReasonCode", self.exemption_code(code, group))
            add(node, "cbc:TaxExemptionReason", group.exemption_reason)
        if line is not None:
            self.line_exemption(node, line)
        add(add(node, "cac:TaxScheme"), "cbc:ID", "VAT")
        return node

    def shows_percent(self, code: str, tag: str) -> bool:  # profile hook
        return code != "O"  # EN 16931 BR-O-05/-06/-07/-09: no rate when not subject to VAT

    def exemption_code(self, code: str, group: TaxGroup) -> str | None:  # profile hook
        return group.exemption_code or DEFAULT_EXEMPTION_CODES[code]

    def line_exemption(self, node, line: Line) -> None:  # profile hook
        """EN 16931 puts the exemption reason on the breakdown only."""

    def tax_totals(self) -> None:
        t = self.totals
        total = element("cac:TaxTotal")
        self.money(t.tax_total, total, "cbc:TaxAmount")
        for group in t.groups:
            sub = add(total, "cac:TaxSubtotal")
            self.money(group.taxable, sub, "cbc:TaxableAmount")
            self.money(group.tax, sub, "cbc:TaxAmount")
            sub.append(self.category("cac:TaxCategory", group.category, group.rate, group=group))
        self.put("TaxTotal", total)
        if self.doc.accounting_currency:
            # BR-53 / PEPPOL R054: the VAT total again in the accounting currency, no breakdown.
            aed = element("cac:TaxTotal")
            add(
                aed,
                "cbc:TaxAmount",
                amount(t.tax_total_accounting, 2),
                currencyID=self.doc.accounting_currency,
            )
            self.put("TaxTotal", aed)

    def monetary_total(self) -> None:
        t = self.totals
        node = element("cac:LegalMonetaryTotal")
        self.money(t.line_total, node, "cbc:LineExtensionAmount")
        self.money(t.tax_exclusive, node, "cbc:TaxExclusiveAmount")
        self.money(t.tax_inclusive, node, "cbc:TaxInclusiveAmount")
        if self.doc.allowances:
            self.money(t.allowance_total, node, "cbc:AllowanceTotalAmount")
        if t.prepaid:
            self.money(t.prepaid, node, "cbc:PrepaidAmount")
        self.money(t.payable, node, "cbc:PayableAmount")
        self.put("LegalMonetaryTotal", node)

    # ---- lines ---------------------------------------------------------------------------
    def line(self, line: Line, net: Decimal, tax: Decimal):
        node = element(f"cac:{self.line_tag}")
        add(node, "cbc:ID", line.id)
        quantity = "CreditedQuantity" if self.doc.is_credit_note else "InvoicedQuantity"
        add(node, f"cbc:{quantity}", number(line.quantity), unitCode=line.unit_code)
        self.money(net, node, "cbc:LineExtensionAmount")
        if line.allowance:
            ac = add(node, "cac:AllowanceCharge")
            add(ac, "cbc:ChargeIndicator", "false")
            add(ac, "cbc:AllowanceChargeReason", line.allowance_reason or "Discount")
            self.money(line.allowance, ac, "cbc:Amount")
        node.append(self.item(line))
        node.append(self.price(line))
        self.line_extension(node, line, net, tax)
        return node

    def item(self, line: Line):
        item = element("cac:Item")
        add(item, "cbc:Description", line.description)
        add(item, "cbc:Name", line.name)
        if line.gtin:
            add(add(item, "cac:StandardItemIdentification"), "cbc:ID", line.gtin, schemeID="0160")
        self.classification(item, line)
        item.append(
            self.category("cac:ClassifiedTaxCategory", line.tax_category, line.tax_rate, line=line)
        )
        return item

    def classification(self, item, line: Line) -> None:  # profile hook
        """Nothing by default: EN 16931 has no place for the UAE goods type."""

    def price(self, line: Line):
        price = element("cac:Price")
        add(price, "cbc:PriceAmount", number(line.unit_price), currencyID=self.cur)
        return price

    def line_extension(self, node, line: Line, net: Decimal, tax: Decimal) -> None:
        """Profile hook for per-line additions after the price (PINT-AE line totals)."""
