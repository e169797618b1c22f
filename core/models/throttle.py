from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import db


class AuthThrottle(db.Model):
    """Failed sign-in attempts per account or per MFA challenge, in one fixed time window.

    In the database so that every app process counts against the same budget.
    """

    __tablename__ = "core_auth_throttle"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    window_start: Mapped[datetime]
    failures: Mapped[int] = mapped_column(default=0)
