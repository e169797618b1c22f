"""/invoicing/catalog: the products and services catalogue (list, add, edit), and the
suggestions the line editors show as a description is typed (invoices here, AP's orders and
bills through ``plugins.invoicing.public``)."""

from __future__ import annotations

from flask import redirect, request, url_for
from flask_login import login_required

from core.api import (
    StaleMerge,
    company_id,
    dump_payload,
    editable,
    form_version,
    get_or_404,
    render,
    require,
)
from plugins.einvoice.public import codes
from plugins.invoicing.catalog_form import CatalogForm
from plugins.invoicing.catalog_model import CatalogItem
from plugins.invoicing.permissions import CATALOG_READ, CATALOG_WRITE
from plugins.invoicing.services import catalog
from plugins.invoicing.services.catalog_serialize import catalog_item, plain
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import save

editable(CatalogItem, CATALOG_WRITE)  # its edit page's room: "also editing", "saved just now"


def _data(item: CatalogItem) -> dict:
    """The form's fields: the API's shape without ``id`` and ``version``."""
    shape = catalog_item(item)
    return {name: value for name, value in shape.items() if name not in ("id", "version")}


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
    if refused := MERGE.refusal(item, form.payload()):
        return refused
    if not form.validate() or save(form, lambda: catalog.update(item, form.payload())) is None:
        item = get_or_404(CatalogItem, item_id, "catalogue item")
        return _form_page(form, item, 422, version=opened, original=original)
    return redirect(url_for("invoicing.catalog_list"), 303)


def _list(item=None):
    return url_for("invoicing.catalog_list")


MERGE = StaleMerge(
    kind="catalog_item",
    snapshot=_data,
    form=lambda payload: CatalogForm(formdata=None, data=payload, meta={"csrf": False}),
    edit_url=lambda item: url_for("invoicing.catalog_edit", item_id=item.id),
    back_url=_list,
    back_label=lambda item: item.name,
)


def _merge(item: CatalogItem):
    def failed(form, original):
        item_now = get_or_404(CatalogItem, item.id, "catalogue item")
        return _form_page(form, item_now, 422, original=original)

    return MERGE.save_merged(
        item,
        lambda form, payload: save(form, lambda: catalog.update(item, payload)),
        failed,
        lambda: redirect(_list(), 303),
    )


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
