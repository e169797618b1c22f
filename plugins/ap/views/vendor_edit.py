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

    def page(values, errors, version, original):
        return _page(get_or_404(Vendor, vendor_id, "vendor"), values, errors, version, original)

    return MERGE.answer(
        vendor, submitted(), lambda payload: _save(vendor, payload), page, lambda: _saved(vendor)
    )
