"""/ap/vendors/new and /ap/vendors/<id>/edit: create or change a vendor. The edit page has
core's concurrent-editing pieces: the form carries the version it was opened at, a save against
an older one shows the merge page (``core.api.StaleMerge``), and the page lists who else edits
it and says when one saves."""

from __future__ import annotations

from flask import flash, redirect, request, url_for

from core.api import (
    EditPage,
    FormValues,
    StaleMerge,
    _,
    attempt,
    current_actor,
    editable,
    get_or_404,
    mount_edit,
)
from plugins.ap.api.common import commit
from plugins.ap.models import Vendor
from plugins.ap.permissions import WRITE
from plugins.ap.services import vendors
from plugins.ap.views import bp
from plugins.ap.views.forms import VENDOR_FIELDS, VENDOR_LABELS
from plugins.ap.views.saving import go_on

editable(Vendor, WRITE)  # its edit page's room: "also editing", "saved just now"


def snapshot(vendor: Vendor) -> dict:
    """The vendor as its form holds it (text)."""
    return {name: "" if (v := getattr(vendor, name)) is None else str(v) for name in VENDOR_FIELDS}


def submitted() -> dict:
    return {name: request.form.get(name, "").strip() for name in VENDOR_FIELDS}


def field_label(name: str) -> str:
    return str(VENDOR_LABELS.get(name, name))


def _list_url(vendor=None) -> str:
    return url_for("ap.vendor_list")


def _context(form: FormValues, vendor: Vendor) -> dict:
    return {
        "errors": form.errors,
        "values": form.values,
        "fields": VENDOR_FIELDS,
        "labels": VENDOR_LABELS,
    }


def _save(vendor: Vendor | None, payload: dict) -> Vendor:
    if vendor is None:  # a new vendor: the fields filled in
        given = {k: v for k, v in payload.items() if v}
        return vendors.create(current_actor().company_id, given)
    return vendors.update(vendor, {k: (v or None) for k, v in payload.items()})


def _write(form: FormValues, vendor: Vendor | None, payload: dict) -> Vendor | None:
    """Save; None when refused (nothing saved, the field errors on ``form``)."""
    return attempt(lambda: _save(vendor, payload), commit, lambda e: form.refuse(e, "name"))


def _saved(vendor: Vendor):
    flash(_("Vendor %(name)s saved.", name=vendor.name), "success")
    return redirect(_list_url(), 303)


EDIT = EditPage(
    name="vendor",
    permission=WRITE,
    merge=StaleMerge(
        kind="vendor",
        snapshot=snapshot,
        form=FormValues,
        edit_url=lambda vendor: url_for("ap.vendor_edit", vendor_id=vendor.id),
        back_url=_list_url,
        back_label=lambda vendor: vendor.name,
        labels=lambda vendor: field_label,
    ),
    load=lambda vendor_id: get_or_404(Vendor, vendor_id, "vendor"),
    form=FormValues.posted(submitted, snapshot),
    write=_write,
    template="ap/vendor_form.html",
    record_as="vendor",
    done=_saved,
    created=lambda vendor: go_on(
        _("Vendor %(name)s created.", name=vendor.name), url_for("ap.vendor_list")
    ),
    context=_context,
)
mount_edit(bp, EDIT, "/vendors/<int:vendor_id>/edit", new="/vendors/new")
