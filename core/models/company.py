from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import db
from core.timeutil import utcnow
from core.versioning import Versioned


class Company(Versioned, db.Model):
    __tablename__ = "core_company"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    trn: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str] = mapped_column(String(2), default="AE")
    address_line1: Mapped[str | None] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    # ISO 3166-2 code (AE-DU): PINT-AE writes the seller's emirate from it.
    subdivision: Mapped[str | None] = mapped_column(String(6))
    # Legal registration (trade licence, ...): PINT-AE requires it of a 0235 seller (ibr-150-ae).
    legal_id: Mapped[str | None] = mapped_column(String(64))
    legal_id_type: Mapped[str | None] = mapped_column(String(3))
    legal_id_authority: Mapped[str | None] = mapped_column(String(200))
    peppol_id: Mapped[str | None] = mapped_column(String(64))
    iban: Mapped[str | None] = mapped_column(String(34))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    base_currency: Mapped[str] = mapped_column(String(3), default="AED")
    # Defaults for its users who chose none (language after the browser's, time zone).
    locale: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    PROFILE_FIELDS = (
        "name",
        "trn",
        "address_line1",
        "address_line2",
        "city",
        "postal_code",
        "country",
        "subdivision",
        "legal_id",
        "legal_id_type",
        "legal_id_authority",
        "peppol_id",
        "iban",
        "email",
        "phone",
        "base_currency",
    )

    def to_dict(self) -> dict:
        return {"id": self.id, **{f: getattr(self, f) for f in self.PROFILE_FIELDS}}
