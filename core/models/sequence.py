from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import db


class Sequence(db.Model):
    """A gapless per-company counter, e.g. ``INV`` for 2026 → ``INV/2026/00001``."""

    __tablename__ = "core_sequence"
    __table_args__ = (UniqueConstraint("company_id", "code", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("core_company.id"))
    code: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(16), default="")
    last_value: Mapped[int] = mapped_column(default=0)
