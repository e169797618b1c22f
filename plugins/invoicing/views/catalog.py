"""/invoicing/catalog: the products and services catalogue (list, add, edit), and the
suggestions the line editors show as a description is typed (invoices here, AP's orders and
bills through ``plugins.invoicing.public``)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required

from core.api import (
    EditPage,
    StaleMerge,
    _,
    company_id,
    editable,
    get_or_404,
    mount_edit,
    payload_form,
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


def _list(item=None):
    return url_for("invoicing.catalog_list")


def _write(form, item, payload):
    if item is None:
        return save(form, lambda: catalog.create(company_id(), payload))
    return save(form, lambda: catalog.update(item, payload))


def _created(item: CatalogItem):
    flash(_("%(name)s added to the catalogue.", name=item.name), "success")
    return redirect(_list(), 303)


def _saved(item: CatalogItem):
    flash(_("%(name)s saved.", name=item.name), "success")
    return redirect(_list(), 303)


EDIT = EditPage(
    name="catalog",
    permission=CATALOG_WRITE,
    merge=StaleMerge(
        kind="catalog_item",
        snapshot=_data,
        form=payload_form(CatalogForm),
        edit_url=lambda item: url_for("invoicing.catalog_edit", item_id=item.id),
        back_url=_list,
        back_label=lambda item: item.name,
    ),
    load=lambda item_id: get_or_404(CatalogItem, item_id, "catalogue item"),
    form=lambda item: CatalogForm(data=_data(item)) if item is not None else CatalogForm(),
    write=_write,
    template="invoicing/catalog_form.html",
    record_as="item",
    done=_saved,
    created=_created,
)
mount_edit(bp, EDIT, "/catalog/<int:item_id>/edit", new="/catalog/new")


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
