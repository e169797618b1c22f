"""Which profiles a document must pass before it is sealed.

Automatic: a UAE seller issues PINT-AE (the FTA's e-invoice), and Peppol BIS 3.0 as well when
the buyer is on Peppol outside the UAE; a seller elsewhere issues Peppol BIS 3.0. A company can
set its own list instead (``PUT /api/v1/einvoice/settings``).
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import db
from plugins.einvoice.models import Setting
from plugins.einvoice.profiles import PEPPOL, PINT_AE, SEALING_PROFILES, check_profile


def automatic(seller_country: str | None, buyer_country: str | None, buyer_on_peppol: bool):
    if (seller_country or "AE") != "AE":
        return [PEPPOL]
    if buyer_on_peppol and (buyer_country or "AE") != "AE":
        return [PINT_AE, PEPPOL]
    return [PINT_AE]


def setting(company_id: int) -> Setting | None:
    return db.session.scalars(select(Setting).where(Setting.company_id == company_id)).first()


def configured(company_id: int) -> list[str]:
    """The company's own list, [] when it uses the automatic choice."""
    row = setting(company_id)
    return [p for p in (row.required_profiles if row else "").split(",") if p]


def required_profiles(
    company_id: int, seller_country: str | None, buyer_country: str | None, buyer_on_peppol: bool
) -> list[str]:
    return configured(company_id) or automatic(seller_country, buyer_country, buyer_on_peppol)


def set_required(company_id: int, profiles: list[str]) -> list[str]:
    """Store the company's list ([] = automatic); unknown names raise ValueError."""
    names = list(dict.fromkeys(check_profile(p, SEALING_PROFILES) for p in profiles))
    row = setting(company_id)
    if row is None:
        row = Setting(company_id=company_id)
        db.session.add(row)
    row.required_profiles = ",".join(names)
    db.session.flush()
    return names
