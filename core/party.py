"""The fields every party has, one name and one size each: the company, its customers (the
invoicing plugin) and its vendors (accounts payable) mix in ``PartyMixin``.

``subdivision`` is the ISO 3166-2 code of the address's region in every country; in the UAE
that is the emirate (``AE-DU``), which PINT-AE writes in every address (ibr-128/144-ae).
``trn`` holds a UAE TRN (15 digits) or a foreign tax number (up to 32 letters and digits);
``peppol_id`` is ``scheme:value`` (up to 80 characters).
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

UAE = "AE"


class PartyMixin:
    """Name, tax number, address, contact and registration of a company, customer or vendor."""

    name: Mapped[str] = mapped_column(String(200))
    trn: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    address_line1: Mapped[str | None] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(2), default=UAE)
    # ISO 3166-2 code of the region (AE-DU, BE-BRU, US-NY); in the UAE, the emirate.
    subdivision: Mapped[str | None] = mapped_column(String(6))
    peppol_id: Mapped[str | None] = mapped_column(String(80))
    # Legal registration (trade licence, Emirates ID, passport, cabinet decision).
    legal_id: Mapped[str | None] = mapped_column(String(64))
    legal_id_type: Mapped[str | None] = mapped_column(String(3))
    legal_id_authority: Mapped[str | None] = mapped_column(String(200))

    @property
    def emirate(self) -> str | None:
        """The emirate of a UAE address (its ``subdivision``); None elsewhere."""
        return self.subdivision if self.country == UAE else None
