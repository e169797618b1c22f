"""/payments/admin: stats, payments settings, the archive form with its job's progress, the
export download.

Blueprint "payments_admin". The archive runs as the ``payments.archive`` job; the page shows
the company's latest such job through core's job partial, which re-fetches itself on every
``ll:job_progress`` event (and every 2 s) while it runs.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint
from flask_login import login_required
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from core.api import (
    DomainError,
    _,
    current_actor,
    db,
    format_date,
    latest_job,
    render,
    require,
    utcnow,
)
from core.api import lazy_gettext as _l
from plugins.payments import settings, stats
from plugins.payments.api.admin import cutoff, start_archive
from plugins.payments.archive.job import JOB
from plugins.payments.forms import method_label
from plugins.payments.permissions import ADMINISTER

bp = Blueprint("payments_admin", __name__, url_prefix="/payments/admin")
ADMIN = ADMINISTER


class ArchiveForm(FlaskForm):
    before = DateField(_l("Archive payments dated before"), validators=[InputRequired()])


POLICY_LABELS = {
    settings.REJECT: _l("Refuse the payment"),
    settings.CREDIT: _l("Keep the difference as customer credit"),
}


class SettingsForm(FlaskForm):
    overpayment_policy = RadioField(
        _l("When a payment is more than its invoices owe"),
        choices=[SelectChoice(value, label) for value, label in POLICY_LABELS.items()],
        validators=[InputRequired(_l("Choose what happens to an overpayment."))],
    )


def _settings_form(company_id: int) -> SettingsForm:
    return SettingsForm(formdata=None, data=settings.current(company_id))


def _require_admin():
    require(ADMIN)
    return current_actor()


# What each storage table holds, in the words of the payments pages (no table names).
STORAGE_LABELS = {
    "payments_payment": _l("Payments"),
    "payments_allocation": _l("Payment allocations to invoices"),
    "payments_refund": _l("Refunds"),
    "payments_payment_archive": _l("Archived payments"),
    "payments_allocation_archive": _l("Archived allocations"),
    "payments_refund_archive": _l("Archived refunds"),
}
STATUS_LABELS = {"posted": _l("Posted"), "reversed": _l("Reversed")}
REFUND_LABELS = {
    "requested": _l("requested"),
    "approved": _l("approved"),
    "processed": _l("paid out"),
    "rejected": _l("rejected"),
}


def _month_label(key: str) -> str:
    """ "2026-03" -> "March 2026"."""
    try:
        return format_date(dt.date.fromisoformat(f"{key}-01"), "LLLL y")
    except ValueError:
        return key


def _page(actor, form, status=200, notice=None, settings_form=None):
    cid = actor.company_id
    first_of_year = dt.date(utcnow().year, 1, 1)
    return render(
        "payments/admin.html",
        form=form,
        totals=stats.totals(cid, "month", first_of_year, None),
        counts=stats.counts(cid),
        storage=stats.storage(cid),
        job=latest_job(JOB, cid),
        may_archive=actor.can_write,
        settings_form=settings_form or _settings_form(cid),
        notice=notice,
        storage_label=lambda table: STORAGE_LABELS.get(table, table),
        status_label=lambda status: STATUS_LABELS.get(status, status.capitalize()),
        refund_label=lambda status: REFUND_LABELS.get(status, status),
        method_label=method_label,
        month_label=_month_label,
        status=status,
    )


@bp.get("/")
@login_required
def index():
    actor = _require_admin()
    return _page(actor, ArchiveForm(formdata=None))


@bp.post("/archive")
@login_required
def archive():
    actor = _require_admin()
    form = ArchiveForm()
    if not form.validate():
        return _page(actor, form, status=400)
    try:
        before = cutoff({"before": form.before.data.isoformat()})
    except DomainError as exc:
        form.before.errors = [*form.before.errors, exc.details["fields"]["before"]]
        return _page(actor, form, status=400)
    job = start_archive(before)
    notice = _("Archive job #%(id)s started.", id=job.id)
    return _page(actor, ArchiveForm(formdata=None), notice=notice)


@bp.post("/settings")
@login_required
def update_settings():
    actor = _require_admin()
    form = SettingsForm()
    if not form.validate():
        return _page(actor, ArchiveForm(formdata=None), status=400, settings_form=form)
    # The same service as PATCH /api/v1/payments/settings, so both apply the same rules.
    settings.update(actor.company_id, {"overpayment_policy": form.overpayment_policy.data})
    db.session.commit()
    label = POLICY_LABELS[form.overpayment_policy.data]
    notice = _("Settings saved: %(choice)s.", choice=str(label).lower())
    return _page(actor, ArchiveForm(formdata=None), notice=notice)
