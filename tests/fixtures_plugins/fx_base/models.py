from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.api import TenantMixin, db


class Thing(TenantMixin, db.Model):
    __tablename__ = "fx_base_thing"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
