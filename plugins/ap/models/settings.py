"""AP settings of a company: match tolerances and the duplicate policy (one row, lazily made)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.api import TenantMixin, Versioned, db
from plugins.ap.models.columns import MONEY, PRECISE, RATE

FLAG, BLOCK = "flag", "block"
DUPLICATE_POLICIES = (FLAG, BLOCK)
ENFORCE, WARN = "enforce", "warn"
PEPPOL_RULES = (ENFORCE, WARN)  # a broken Peppol BIS claim: refused, or a warning
CHOICES = {"duplicate_policy": DUPLICATE_POLICIES, "peppol_rules": PEPPOL_RULES}

DEFAULTS = {
    "full_match_limit": Decimal("0.01"),
    "price_tolerance_percent": Decimal("5"),
    "price_tolerance_amount": Decimal("0.00"),
    "quantity_tolerance_percent": Decimal("5"),
    "quantity_tolerance_amount": Decimal("0"),
    "over_receipt_percent": Decimal("0"),
    "duplicate_policy": FLAG,
    "peppol_rules": ENFORCE,
}


class ApSettings(Versioned, TenantMixin, db.Model):
    __tablename__ = "ap_settings"
    __table_args__ = (UniqueConstraint("company_id", name="uq_ap_settings_company"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    full_match_limit: Mapped[Decimal] = mapped_column(MONEY)
    price_tolerance_percent: Mapped[Decimal] = mapped_column(RATE)
    price_tolerance_amount: Mapped[Decimal] = mapped_column(MONEY)
    quantity_tolerance_percent: Mapped[Decimal] = mapped_column(RATE)
    quantity_tolerance_amount: Mapped[Decimal] = mapped_column(PRECISE)
    over_receipt_percent: Mapped[Decimal] = mapped_column(RATE)
    duplicate_policy: Mapped[str] = mapped_column(String(8))
    peppol_rules: Mapped[str] = mapped_column(String(8), default=ENFORCE)
