"""The parties of an imported e-invoice: find or create the vendor, check the buyer is us."""

from __future__ import annotations

import re

from sqlalchemy import or_, select

from core.api import db
from plugins.ap.models.vendor import Vendor

TRN = re.compile(r"^1\d{12}03$")


def endpoint_of(party) -> str | None:
    if party.endpoint_scheme and party.endpoint_id:
        return f"{party.endpoint_scheme}:{party.endpoint_id}"
    return None


def _tax_ids(party) -> set[str]:
    ids = {value.strip().upper() for value in (party.vat_id, party.tax_id) if value}
    return ids | {value[2:] for value in ids if value[:2].isalpha()}


def find_vendor(company_id: int, seller) -> Vendor | None:
    """By Peppol endpoint first, then by TRN or VAT id."""
    endpoint = endpoint_of(seller)
    vendors = Vendor.company_id == company_id
    if endpoint:
        query = select(Vendor).where(vendors, Vendor.peppol_id == endpoint).order_by(Vendor.id)
        if (found := db.session.scalars(query).first()) is not None:
            return found
    ids = _tax_ids(seller)
    if not ids:
        return None
    query = select(Vendor).where(vendors, or_(Vendor.trn.in_(ids), Vendor.vat_ids.is_not(None)))
    for vendor in db.session.scalars(query.order_by(Vendor.id)):
        if vendor.trn in ids or ids & {v.upper() for v in vendor.vat_ids or []}:
            return vendor
    return None


def vendor_from(company_id: int, seller) -> Vendor:
    """A vendor made from the seller party as the (already validated) document states it."""
    ids = _tax_ids(seller)
    trn = next((value for value in sorted(ids) if TRN.match(value)), None)
    vat_ids = [seller.vat_id.strip()] if seller.vat_id and seller.vat_id.strip() != trn else []
    country = (seller.country or "AE")[:2].upper()
    vendor = Vendor(
        company_id=company_id,
        name=(seller.name or endpoint_of(seller) or "Unknown vendor")[:200],
        trn=trn,
        vat_ids=vat_ids,
        email=(seller.email or None) and seller.email[:254],
        address_line1=(seller.street or None) and seller.street[:200],
        city=(seller.city or None) and seller.city[:100],
        postal_code=(seller.postal_code or None) and seller.postal_code[:20],
        country=country,
        peppol_id=(endpoint_of(seller) or None) and endpoint_of(seller)[:80],
        legal_id=(seller.legal_id or None) and seller.legal_id[:64],
        created_by_import=True,
    )
    db.session.add(vendor)
    db.session.flush()
    return vendor


def buyer_warning(company, buyer) -> str | None:
    """A warning when the document is addressed to someone else (endpoint and VAT id)."""
    ours = {value.upper() for value in (company.trn, company.peppol_id) if value}
    ours |= {f"{company.country}{company.trn}".upper()} if company.trn else set()
    theirs = {value.upper() for value in (buyer.endpoint_id, endpoint_of(buyer)) if value}
    theirs |= _tax_ids(buyer)
    if ours & theirs:
        return None
    shown = ", ".join(sorted(theirs)) or "no identifier"
    return f"Addressed to another buyer: {buyer.name or 'unnamed'} ({shown}), not {company.name}."
