"""The company's AP settings page, and what the vendor and purchase-order forms show (their pages
are in vendor_edit.py and order_edit.py)."""

from __future__ import annotations

from flask import request, url_for
from flask_login import login_required

from core.api import (
    FormValues,
    _,
    attempt,
    current_actor,
    dump_payload,
    lazy_gettext,
    render,
    require,
)
from plugins.ap.api.common import commit
from plugins.ap.models.settings import DEFAULTS
from plugins.ap.permissions import CHANGE_SETTINGS
from plugins.ap.services import settings
from plugins.ap.views import bp, settings_merge
from plugins.ap.views.saving import go_on

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


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings_page():
    require(CHANGE_SETTINGS)
    form = FormValues(request.form)
    if request.method == "POST" and request.form.get("_merge"):
        return settings_merge.save_merged(current_actor())
    if request.method == "POST":
        sent = [name for name in DEFAULTS if name in request.form]
        mine = {name: (request.form.get(name) or "").strip() for name in sent}
        if refused := settings_merge.refusal(current_actor().company_id, mine):
            return refused
        actor = current_actor()
        saved = attempt(
            lambda: settings.update_and_rematch(actor.company_id, _form(sent), actor.user_id),
            commit,
            form.refuse,
        )
        if saved is not None:
            return go_on(
                _("Settings saved; open bills are matched again."), url_for("ap.settings_page")
            )
    errors = form.errors
    company = current_actor().company_id
    current = settings.as_dict(settings.current(company))
    opened = request.form.get("_version") if errors else settings.version(company)
    original = request.form.get("_original") if errors else dump_payload(current)
    return render("ap/settings.html", status=422 if errors else 200, errors=errors,
                  values=request.form if errors else current, version=opened,
                  original=original)  # fmt: skip
