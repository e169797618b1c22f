"""Pages that create: a vendor, a purchase order (draft), and the company's AP settings."""

from __future__ import annotations

import datetime as dt

from flask import request, url_for
from flask_login import login_required
from sqlalchemy import select

from core.api import _, current_actor, db, dump_payload, lazy_gettext, render, require
from plugins.ap.models import Vendor
from plugins.ap.models.settings import DEFAULTS
from plugins.ap.permissions import CHANGE_SETTINGS, WRITE
from plugins.ap.services import orders, settings, vendors
from plugins.ap.views import bp, settings_merge
from plugins.ap.views.saving import go_on, save
from plugins.invoicing.public import CATALOG_SUGGEST_ENDPOINT

LINE_ROWS = 6
LINE_FIELDS = ("description", "item_code", "quantity", "unit_code", "unit_price", "tax_rate",
               "match_type")  # fmt: skip
VENDOR_FIELDS = ("name", "trn", "peppol_id", "email", "address_line1", "city", "country",
                 "emirate", "iban", "payment_terms_days")  # fmt: skip
# What the vendor form (and its merge page) call each field.
VENDOR_LABELS = {
    "name": lazy_gettext("Name"),
    "trn": lazy_gettext("TRN"),
    "peppol_id": lazy_gettext("Peppol participant ID"),
    "email": lazy_gettext("E-mail"),
    "address_line1": lazy_gettext("Address"),
    "city": lazy_gettext("City"),
    "country": lazy_gettext("Country"),
    "emirate": lazy_gettext("Emirate"),
    "iban": lazy_gettext("IBAN"),
    "payment_terms_days": lazy_gettext("Payment terms (days)"),
}


def _form(names) -> dict:
    return {name: request.form.get(name, "").strip() or None for name in names}


@bp.route("/vendors/new", methods=["GET", "POST"])
@login_required
def vendor_new():
    require(WRITE)
    errors, values = {}, _form(VENDOR_FIELDS) if request.method == "POST" else {}
    if request.method == "POST":
        given = {name: value for name, value in values.items() if value is not None}
        vendor, errors = save(lambda: vendors.create(current_actor().company_id, given), "name")
        if vendor is not None:
            return go_on(_("Vendor %(name)s created.", name=vendor.name), url_for("ap.vendor_list"))
    return render("ap/vendor_form.html", status=422 if errors else 200, errors=errors,
                  values=values, fields=VENDOR_FIELDS, labels=VENDOR_LABELS)  # fmt: skip


def _order_body() -> dict:
    lines = []
    for row in range(LINE_ROWS):
        line = {name: request.form.get(f"lines-{row}-{name}", "").strip() for name in LINE_FIELDS}
        if line["description"] or line["quantity"]:
            lines.append({k: v for k, v in line.items() if v} | {"tax_category": "S"})
    vendor = request.form.get("vendor_id", "")
    return {
        "vendor_id": int(vendor) if vendor.isascii() and vendor.isdigit() else None,
        "order_date": request.form.get("order_date"), "currency": request.form.get("currency"),
        "expected_date": request.form.get("expected_date") or None, "lines": lines,
    }  # fmt: skip


@bp.route("/purchase-orders/new", methods=["GET", "POST"])
@login_required
def order_new():
    require(WRITE)
    errors = {}
    if request.method == "POST":
        order, errors = save(
            lambda: orders.create(current_actor().company_id, _order_body(), None), "form"
        )
        if order is not None:
            url = url_for("ap.order_detail", order_id=order.id)
            return go_on(_("Draft purchase order created."), url)
    vendor_rows = db.session.execute(select(Vendor.id, Vendor.name).order_by(Vendor.name)).all()
    return render("ap/order_form.html", status=422 if errors else 200, errors=errors,
                  vendors=vendor_rows, rows=LINE_ROWS, form=request.form,
                  today=dt.date.today(),
                  catalog_suggest=url_for(CATALOG_SUGGEST_ENDPOINT))  # fmt: skip


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings_page():
    require(CHANGE_SETTINGS)
    errors = {}
    if request.method == "POST" and request.form.get("_merge"):
        return settings_merge.save_merged(current_actor())
    if request.method == "POST":
        sent = [name for name in DEFAULTS if name in request.form]
        mine = {name: (request.form.get(name) or "").strip() for name in sent}
        if refused := settings_merge.refusal(current_actor().company_id, mine):
            return refused
        actor = current_actor()
        saved, errors = save(
            lambda: settings.update_and_rematch(actor.company_id, _form(sent), actor.user_id),
            "form",
        )
        if saved is not None:
            return go_on(
                _("Settings saved; open bills are matched again."), url_for("ap.settings_page")
            )
    company = current_actor().company_id
    current = settings.as_dict(settings.current(company))
    opened = request.form.get("_version") if errors else settings.version(company)
    original = request.form.get("_original") if errors else dump_payload(current)
    return render("ap/settings.html", status=422 if errors else 200, errors=errors,
                  values=request.form if errors else current, version=opened,
                  original=original)  # fmt: skip
