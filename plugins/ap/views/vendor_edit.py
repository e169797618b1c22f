"""/ap/vendors/<id>/edit: change a vendor, with core's concurrent-editing pieces: the form
carries the version it was opened at, a save against an older one shows the merge page
(``core.api.StaleMerge``), and the page lists who else edits it and says when one saves."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required

from core.api import (
    DomainError,
    StaleMerge,
    _,
    db,
    dump_payload,
    editable,
    form_version,
    get_or_404,
    render,
    require,
)
from plugins.ap.api.common import commit
from plugins.ap.models import Vendor
from plugins.ap.permissions import WRITE
from plugins.ap.services import vendors
from plugins.ap.views import bp
from plugins.ap.views.forms import VENDOR_FIELDS

editable(Vendor, WRITE)  # its edit page's room: "also editing", "saved just now"


def snapshot(vendor: Vendor) -> dict:
    """The vendor as its form holds it (text)."""
    return {name: "" if (v := getattr(vendor, name)) is None else str(v) for name in VENDOR_FIELDS}


def submitted() -> dict:
    return {name: request.form.get(name, "").strip() for name in VENDOR_FIELDS}


def field_label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _list_url(vendor=None) -> str:
    return url_for("ap.vendor_list")


MERGE = StaleMerge(
    kind="vendor",
    snapshot=snapshot,
    form=lambda payload: {},
    edit_url=lambda vendor: url_for("ap.vendor_edit", vendor_id=vendor.id),
    back_url=_list_url,
    back_label=lambda vendor: vendor.name,
    labels=lambda vendor: field_label,
)


def _page(vendor: Vendor, values: dict, errors: dict, version=None, original=None):
    return render(
        "ap/vendor_form.html",
        status=422 if errors else 200,
        errors=errors,
        values=values,
        fields=VENDOR_FIELDS,
        vendor=vendor,
        version=version if version is not None else vendor.version,
        original=original or dump_payload(snapshot(vendor)),
    )


def _save(vendor: Vendor, values: dict) -> dict:
    """Save; the field errors when refused (nothing saved)."""
    try:
        vendors.update(vendor, {k: (v or None) for k, v in values.items()})
        commit()
        return {}
    except DomainError as exc:
        db.session.rollback()
        return exc.details.get("fields", {}) or {"name": exc.message}


def _saved(vendor: Vendor):
    flash(_("Vendor %(name)s saved.", name=vendor.name), "success")
    return redirect(_list_url(), 303)


@bp.route("/vendors/<int:vendor_id>/edit", methods=["GET", "POST"])
@login_required
def vendor_edit(vendor_id: int):
    require(WRITE)
    vendor = get_or_404(Vendor, vendor_id, "vendor")
    if request.method == "GET":
        return _page(vendor, snapshot(vendor), {})
    if request.form.get("_merge"):
        return _merge(vendor)
    if refused := MERGE.refusal(vendor, submitted()):
        return refused
    values = submitted()
    if errors := _save(vendor, values):
        vendor = get_or_404(Vendor, vendor_id, "vendor")
        opened = form_version(request.form.get("_version"))
        return _page(vendor, values, errors, opened, request.form.get("_original"))
    return _saved(vendor)


def _merge(vendor: Vendor):
    """The merge page's answer: the chosen values saved against the version it showed."""
    tried: dict = {}

    def write(form, payload):
        tried.update(values=payload, errors=_save(vendor, payload))
        return None if tried["errors"] else vendor

    def failed(form, original):
        now = get_or_404(Vendor, vendor.id, "vendor")
        return _page(now, tried["values"], tried["errors"], original=original)

    return MERGE.save_merged(vendor, write, failed, lambda: _saved(vendor))
