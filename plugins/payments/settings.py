"""Company settings of the payments plugin: one row per company, created on first change.

``overpayment_policy`` says what happens to money received beyond what the allocated invoices
still owe: ``reject`` (the default) refuses the payment with ``overpayment``; ``credit`` keeps
the difference as customer credit (``plugins/payments/credit/``).
"""

from __future__ import annotations

from sqlalchemy import String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from core.api import TenantMixin, ValidationFailed, db
from core.api import gettext as _

REJECT, CREDIT = "reject", "credit"
POLICIES = (REJECT, CREDIT)
DEFAULTS = {"overpayment_policy": REJECT}


class PaymentSettings(TenantMixin, db.Model):
    __tablename__ = "payments_settings"
    __table_args__ = (UniqueConstraint("company_id", name="uq_payments_settings_company"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    overpayment_policy: Mapped[str] = mapped_column(String(16), default=REJECT)


def _row(company_id: int) -> PaymentSettings | None:
    query = select(PaymentSettings).where(PaymentSettings.company_id == company_id)
    return db.session.scalars(query).first()


def current(company_id: int) -> dict:
    row = _row(company_id)
    return {"overpayment_policy": row.overpayment_policy} if row else dict(DEFAULTS)


def overpayment_policy(company_id: int) -> str:
    return current(company_id)["overpayment_policy"]


def update(company_id: int, changes: dict) -> dict:
    """Apply ``changes`` (a PATCH body); unknown names or values are a 422 naming each."""
    errors = {name: _("is not a setting") for name in changes if name not in DEFAULTS}
    policy = changes.get("overpayment_policy")
    if "overpayment_policy" in changes and policy not in POLICIES:
        errors["overpayment_policy"] = _("must be one of %(names)s", names=", ".join(POLICIES))
    if errors:
        raise ValidationFailed(errors, _("Some settings are invalid."))
    row = _row(company_id) or PaymentSettings(company_id=company_id, **DEFAULTS)
    if policy is not None:
        row.overpayment_policy = policy
    db.session.add(row)
    db.session.flush()
    return current(company_id)
