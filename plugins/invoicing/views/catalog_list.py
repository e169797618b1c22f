"""/invoicing/catalog: the products and services catalogue as a declared list (sort on every
column, search and "offered" filter in the URL, export, bulk "stop offering" / "offer again")."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import func, or_

from core.api import (
    ListAction,
    ListField,
    ListFilter,
    ListSpec,
    code_field,
    lazy_gettext,
    may,
    mount_list,
    yes_no_filter,
)
from plugins.invoicing.catalog_model import CatalogItem
from plugins.invoicing.permissions import CATALOG_READ, CATALOG_WRITE
from plugins.invoicing.services import catalog
from plugins.invoicing.views import bp


def _search(query, q: str):
    like = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return query.where(
        or_(
            func.lower(CatalogItem.name).like(like, escape="\\"),
            func.lower(CatalogItem.code).like(like, escape="\\"),
        )
    )


def _edit_link(item) -> str | None:
    return url_for("invoicing.catalog_edit", item_id=item.id) if may(CATALOG_WRITE) else None


def _set_offered(active: bool):
    return lambda item: catalog.update(item, {"active": active})


CATALOGUE = ListSpec(
    name="catalog",
    title=lazy_gettext("Products and services"),
    model=CatalogItem,
    endpoint="invoicing.catalog_list",
    permission=CATALOG_READ,
    default_sort="name",
    fields=(
        ListField("code", lazy_gettext("Code"), sort=CatalogItem.code, link=_edit_link),
        ListField("name", lazy_gettext("Name"), sort=CatalogItem.name, truncate=True),
        code_field("unit_code", lazy_gettext("Unit"), CatalogItem.unit_code, "unit"),
        ListField(
            "unit_price", lazy_gettext("Unit price"), sort=CatalogItem.unit_price, numeric=True
        ),
        code_field("tax_category", lazy_gettext("VAT"), CatalogItem.tax_category, "vat_category"),
        ListField(
            "active",
            lazy_gettext("Offered"),
            sort=CatalogItem.active,
            show=lambda item: lazy_gettext("yes") if item.active else lazy_gettext("no"),
        ),
    ),
    filters=(
        ListFilter("q", lazy_gettext("Search name or code"), kind="search", apply=_search),
        yes_no_filter(
            "offered",
            lazy_gettext("Offered"),
            CatalogItem.active.is_(True),
            CatalogItem.active.is_(False),
        ),
    ),
    actions=(
        ListAction("withdraw", lazy_gettext("Stop offering"), CATALOG_WRITE, _set_offered(False)),
        ListAction("offer", lazy_gettext("Offer again"), CATALOG_WRITE, _set_offered(True)),
    ),
    label=lambda item: f"{item.code} · {item.name}",
    empty=lazy_gettext("No catalogue items match."),
    new=(lazy_gettext("New catalogue item"), "invoicing.catalog_new", CATALOG_WRITE),
    row_attr="catalog-item",
)

mount_list(bp, "/catalog", CATALOGUE)
