from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import db
from core.party import PartyMixin
from core.timeutil import utcnow
from core.versioning import Versioned


class Company(PartyMixin, Versioned, db.Model):
    """The tenant. Its party fields (``PartyMixin``) are the seller in every document; PINT-AE
    requires a 0235 seller's legal registration (ibr-150-ae)."""

    __tablename__ = "core_company"

    id: Mapped[int] = mapped_column(primary_key=True)
    iban: Mapped[str | None] = mapped_column(String(34))
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
        "locale",
        "timezone",
    )

    def to_dict(self) -> dict:
        return {"id": self.id, **{f: getattr(self, f) for f in self.PROFILE_FIELDS}}
