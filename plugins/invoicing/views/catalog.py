"""/invoicing/catalog: the products and services catalogue (list, add, edit), and the
suggestions the line editors show as a description is typed (invoices here, AP's orders and
bills through ``plugins.invoicing.public``)."""

from __future__ import annotations

from flask import redirect, request, url_for
from flask_login import login_required

from core.api import (
    StaleEdit,
    choices_from,
    company_id,
    dump_payload,
    field_changes,
    form_version,
    get_or_404,
    last_editor,
    load_payload,
    merged,
    render,
    require,
)
from plugins.einvoice.public import codes
from plugins.invoicing.catalog_form import CatalogForm
from plugins.invoicing.catalog_model import CatalogItem
from plugins.invoicing.permissions import CATALOG_READ, CATALOG_WRITE
from plugins.invoicing.services import catalog
from plugins.invoicing.services.catalog_serialize import plain
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import save


def _data(item: CatalogItem) -> dict:
    return {
        "code": item.code,
        "name": item.name,
        "unit_code": item.unit_code,
        "unit_price": plain(item.unit_price),
        "tax_category": item.tax_category,
        "active": item.active,
    }


def _form_page(form, item, status=200, version=None, original=None):
    if item is not None:
        version = version if version is not None else item.version
        original = original or dump_payload(_data(item))
    return render(
        "invoicing/catalog_form.html",
        status=status,
        form=form,
        item=item,
        version=version,
        original=original,
    )


@bp.route("/catalog/new", methods=["GET", "POST"])
@login_required
def catalog_new():
    require(CATALOG_WRITE)
    form = CatalogForm()
    if not form.is_submitted():
        return _form_page(form, None)
    saved = (
        save(form, lambda: catalog.create(company_id(), form.payload()))
        if form.validate()
        else None
    )
    if saved is None:
        return _form_page(form, None, 422)
    return redirect(url_for("invoicing.catalog_list"), 303)


@bp.route("/catalog/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def catalog_edit(item_id: int):
    require(CATALOG_WRITE)
    item = get_or_404(CatalogItem, item_id, "catalogue item")
    if request.method == "POST" and request.form.get("_merge"):
        return _merge(item)
    form = CatalogForm(data=_data(item))
    if not form.is_submitted():
        return _form_page(form, item)
    opened, original = form_version(request.form.get("_version")), request.form.get("_original")
    if opened is not None and opened != item.version:
        return _stale(item, load_payload(original), form.payload())
    if not form.validate() or save(form, lambda: catalog.update(item, form.payload())) is None:
        item = get_or_404(CatalogItem, item_id, "catalogue item")
        return _form_page(form, item, 422, version=opened, original=original)
    return redirect(url_for("invoicing.catalog_list"), 303)


def _stale(item: CatalogItem, original: dict, mine: dict):
    form = CatalogForm(formdata=None, data=mine, meta={"csrf": False})
    theirs = _data(item)
    changes = field_changes(original, mine, theirs, lambda n: form[n].label.text)
    if not changes:
        return redirect(url_for("invoicing.catalog_list"), 303)
    edit = url_for("invoicing.catalog_edit", item_id=item.id)
    stale = StaleEdit(
        changes=changes,
        version=item.version,
        mine=mine,
        theirs=theirs,
        action=edit,
        reload_url=edit,
        saved_by=last_editor("catalog_item", item.id, item.company_id),
    )
    back = url_for("invoicing.catalog_list")
    return render(
        "core/stale_page.html", status=409, stale=stale, back_url=back, back_label=item.name
    )


def _merge(item: CatalogItem):
    theirs = load_payload(request.form.get("_theirs"))
    payload = merged(load_payload(request.form.get("_mine")), theirs, choices_from(request.form))
    if form_version(request.form.get("_version")) != item.version:
        return _stale(item, theirs, payload)
    form = CatalogForm(formdata=None, data=payload, meta={"csrf": False})
    if save(form, lambda: catalog.update(item, payload)) is None:
        item = get_or_404(CatalogItem, item.id, "catalogue item")
        return _form_page(form, item, 422, original=dump_payload(theirs))
    return redirect(url_for("invoicing.catalog_list"), 303)


@bp.get("/catalog/suggest")
@login_required
def catalog_suggest():
    """The line editors' autocomplete: items matching what is typed in a description field
    (any ``...-description`` query parameter, or ``q``), as option buttons."""
    require(CATALOG_READ)
    typed = request.args.get("q")
    if typed is None:
        typed = next((v for k, v in request.args.items() if k.endswith("description")), "")
    typed = typed.strip()[:200]
    items = catalog.search(typed) if len(typed) >= 1 else []
    field = next((k for k in request.args if k.endswith("description")), "q")
    return render(
        "invoicing/_catalog_suggest.html",
        block="suggest",
        items=items,
        field=field,
        prices={item.id: plain(item.unit_price) for item in items},
        units=codes.UNIT_CODES,
    )
