"""One action on the rows ticked in a declared list (``ListSpec.actions``).

The actor must hold the action's permission. Each record is read again by id (the tenant
scope applies: another company's id is "not found"), locked for update when the action says
so, and handled in its own transaction: one refusal is reported by name and does not undo
the others. An action with a ``confirm`` question answers first with a page naming every
record, which posts the same choice back with ``confirm=1``; an action with a ``reason``
asks for one on that page and gives it to each ``run(record, reason)``.
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from core.access import require
from core.db import db
from core.errors import DomainError
from core.inputs import invalid_parameter
from core.locking import lock_for_update
from core.templating import render

MAX_BULK = 200
REASON_MAX = 500  # what a reason column holds (a payment's notes, a refusal's reason)


def chosen_ids() -> list[int]:
    raw = request.form.getlist("ids")
    if not raw or len(raw) > MAX_BULK or not all(r.isascii() and r.isdigit() for r in raw):
        raise invalid_parameter(
            "ids", _("must name 1 to %(MAX_BULK)s rows", MAX_BULK=MAX_BULK), None
        )
    return sorted({int(r) for r in raw})


def back_url(spec) -> str:
    back = request.form.get("back") or ""
    if not back.startswith("/") or back.startswith("//"):
        return url_for(spec.endpoint)
    return back


def run_bulk(spec, export_selected):
    """The bulk endpoint's answer; ``export_selected(ids)`` serves the "export" action."""
    require(spec.permission)
    name = request.form.get("action", "")
    if name == "export":
        return export_selected(chosen_ids())
    action = next((a for a in spec.actions if a.name == name), None)
    if action is None:
        known = ", ".join(["export", *(a.name for a in spec.actions)])
        raise invalid_parameter("action", _("must be one of %(known)s", known=known), name)
    require(action.permission)
    ids = chosen_ids()
    records = db.session.scalars(select(spec.model).where(spec.model.id.in_(ids))).unique().all()
    back = back_url(spec)
    reason, problem = _reason(action)
    if action.confirm and (request.form.get("confirm") != "1" or problem):
        labels = [(r.id, spec.label(r)) for r in records]
        page = render(
            "core/list_confirm.html",
            spec=spec,
            action=action,
            records=labels,
            back=back,
            reason=reason,
            reason_error=problem if request.form.get("confirm") == "1" else None,
        )
        return (page, 422) if request.form.get("confirm") == "1" else page
    labels = {r.id: spec.label(r) for r in records}
    refused = {labels.get(i, f"#{i}"): _("not found") for i in ids if i not in labels}
    inputs = (reason,) if action.reason else ()
    for record_id in labels:
        if (problem := _one(spec.model, action, record_id, inputs)) is not None:
            refused[labels[record_id]] = problem
    _report(action, len(ids), refused)
    return redirect(back, 303)


def _reason(action) -> tuple[str, str | None]:
    """The reason typed on the confirmation page, and what is wrong with it (None: fine)."""
    reason = " ".join(request.form.get("reason", "").split())
    if not action.reason:
        return "", None
    if not reason:
        return reason, _("Say why.")
    if len(reason) > REASON_MAX:
        return reason, _("At most %(max)s characters.", max=REASON_MAX)
    return reason, None


def _one(model, action, record_id: int, inputs: tuple = ()) -> str | None:
    """The refusal message, or None when done (committed)."""
    db.session.rollback()  # a fresh transaction: read, lock and change one record
    record = lock_for_update(model, record_id) if action.lock else db.session.get(model, record_id)
    if record is None:
        return _("not found")
    try:
        action.run(record, *inputs)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        return exc.message
    return None


def _report(action, total: int, refused: dict) -> None:
    done = total - len(refused)
    flash(
        _("%(action)s: %(done)s of %(total)s done.", action=action.label, done=done, total=total),
        "success" if not refused else "warning",
    )
    for label, problem in refused.items():
        flash(_("%(label)s: %(problem)s", label=label, problem=problem), "error")
