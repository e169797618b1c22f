from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import db
from core.timeutil import utcnow

SUPER_ADMIN = "SUPER_ADMIN"
COMPANY_ADMIN = "COMPANY_ADMIN"
FINANCE_USER = "FINANCE_USER"
ROLES = (SUPER_ADMIN, COMPANY_ADMIN, FINANCE_USER)


class User(UserMixin, db.Model):
    __tablename__ = "core_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=FINANCE_USER)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("core_company.id"), index=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    # Language (``en``, ``ar``) and IANA time zone; None: the browser's / the company's.
    locale: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=True)
    mfa_secret_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    mfa_enabled: Mapped[bool] = mapped_column(default=False)
    mfa_last_step: Mapped[int | None]  # TOTP step last accepted; refuses replays
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Part of every session's user id: raising it ends every session signed in before
    # (logout, password change, MFA reset, deactivation; see core/auth/sessions.py).
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    company = relationship("Company")

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def get_id(self) -> str:  # Flask-Login keeps this in the session cookie
        return f"{self.id}.{self.session_generation or 0}"


class MfaBackupCode(db.Model):
    __tablename__ = "core_mfa_backup_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[datetime | None]
