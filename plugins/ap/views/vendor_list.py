"""/ap/vendors: vendors as a declared list (core.listing): sort on every column, search in the
URL, CSV/XLSX of the filter; those created by an import are marked."""

from __future__ import annotations

from flask import url_for
from markupsafe import Markup, escape
from sqlalchemy import or_

from core.api import ListField, ListFilter, ListSpec, code_field, lazy_gettext, may, mount_list
from plugins.ap.models import Vendor
from plugins.ap.permissions import READ, WRITE
from plugins.ap.views import bp


def _search(query, q: str):
    like = f"%{q}%"
    return query.where(
        or_(Vendor.name.ilike(like), Vendor.trn.ilike(like), Vendor.peppol_id.ilike(like))
    )


def _name(vendor) -> Markup:
    shown = escape(vendor.name)
    if may(WRITE):  # the vendor's edit page (views/vendor_edit.py)
        url = url_for("ap.vendor_edit", vendor_id=vendor.id)
        shown = Markup('<a href="{}">{}</a>').format(url, vendor.name)
    if vendor.created_by_import:
        note = lazy_gettext("created by import")
        shown += Markup(' <small class="ap-warning">{}</small>').format(note)
    return shown


VENDORS = ListSpec(
    name="vendor",
    title=lazy_gettext("Vendors"),
    intro=lazy_gettext(
        "Vendors found by Peppol endpoint, then TRN or VAT id, when e-invoices are imported."
    ),
    model=Vendor,
    endpoint="ap.vendor_list",
    permission=READ,
    template="ap/list.html",
    default_sort="name",
    fields=(
        ListField("name", lazy_gettext("Name"), sort=Vendor.name, show=_name, truncate=True),
        ListField(
            "trn",
            lazy_gettext("TRN / VAT"),
            sort=Vendor.trn,
            value=lambda v: v.trn or ", ".join(v.vat_ids or ()) or None,
        ),
        ListField("peppol_id", lazy_gettext("Peppol ID"), sort=Vendor.peppol_id, truncate=True),
        code_field("country", lazy_gettext("Country"), Vendor.country, "country"),
        ListField(
            "payment_terms_days",
            lazy_gettext("Terms (days)"),
            sort=Vendor.payment_terms_days,
            numeric=True,
        ),
    ),
    filters=(
        ListFilter(
            "q",
            lazy_gettext("Search vendors"),
            kind="search",
            apply=_search,
            placeholder=lazy_gettext("Name, TRN or Peppol id"),
        ),
    ),
    label=lambda v: v.name,
    empty=lazy_gettext("No vendors."),
    live="ll:ap_vendor_changed from:body",
)

mount_list(bp, "/vendors", VENDORS)
