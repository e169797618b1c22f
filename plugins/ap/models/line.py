"""The columns every AP document line has (purchase orders and bills): what, how many, at what
price and VAT, and the line's net amount."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from plugins.ap.models.columns import MONEY, PRECISE, RATE

ZERO = Decimal("0")


class LineColumns:
    """Mixed into ``PurchaseOrderLine`` and ``BillLine``: one naming and size for both."""

    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(String(500))
    item_code: Mapped[str | None] = mapped_column(String(64))
    quantity: Mapped[Decimal] = mapped_column(PRECISE)
    unit_code: Mapped[str] = mapped_column(String(8), default="C62")
    unit_price: Mapped[Decimal] = mapped_column(PRECISE)
    tax_category: Mapped[str] = mapped_column(String(4), default="S")
    tax_rate: Mapped[Decimal] = mapped_column(RATE, default=Decimal("5"))
    net_amount: Mapped[Decimal] = mapped_column(MONEY, default=ZERO)
