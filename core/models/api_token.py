from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import db
from core.timeutil import utcnow


class ApiToken(db.Model):
    """An integrator's Bearer token; only a SHA-256 of the secret is stored."""

    __tablename__ = "core_api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(200), default="read")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user = relationship("User")

    @property
    def scope_set(self) -> frozenset[str]:
        return scopes_of(self.scopes)


def scopes_of(text: str) -> frozenset[str]:
    """The scopes stored as ``read,write``."""
    return frozenset(s.strip() for s in text.split(",") if s.strip())
