"""Per-company e-invoice settings: which profiles every sealed document must pass."""

from __future__ import annotations

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.api import TenantMixin, db


class Setting(TenantMixin, db.Model):
    __tablename__ = "einvoice_setting"
    __table_args__ = (UniqueConstraint("company_id", name="uq_einvoice_setting_company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Comma-separated profile names; empty means automatic (see requirements.py).
    required_profiles: Mapped[str] = mapped_column(String(200), default="")


MODELS = [Setting]
