"""/api/v1/catalog-items: the products and services catalogue."""

from __future__ import annotations

from flask import request
from sqlalchemy import func, or_, select

from core.api import (
    create_record,
    describe,
    get_or_404,
    paginate,
    query_choice,
    read_record,
    require_permission,
    update_record,
)
from plugins.invoicing.api import bp
from plugins.invoicing.api.common import commit
from plugins.invoicing.api.schemas import CATALOG_CREATE, CATALOG_PATCH
from plugins.invoicing.catalog_model import CatalogItem
from plugins.invoicing.permissions import CATALOG_READ, CATALOG_WRITE
from plugins.invoicing.services import catalog
from plugins.invoicing.services.catalog_serialize import catalog_item

TAGS = ("invoicing",)


def _item(item_id: int) -> CatalogItem:
    return get_or_404(CatalogItem, item_id, "catalogue item")


@bp.get("/catalog-items")
@require_permission(CATALOG_READ)
@describe(
    tags=TAGS,
    paginated=True,
    query={
        "q": {"type": "string", "description": "Part of the name or code"},
        "active": {"type": "string", "enum": ["true", "false"]},
    },
)
def catalog_items_list():
    """List catalogue items by name; ``q`` searches name and code, ``active`` filters."""
    query = select(CatalogItem)
    if (active := query_choice("active", ("true", "false"))) is not None:
        query = query.where(CatalogItem.active.is_(active == "true"))
    q = request.args.get("q", "").strip().lower()
    if q:
        like = f"%{q}%"
        query = query.where(
            or_(func.lower(CatalogItem.name).like(like), func.lower(CatalogItem.code).like(like))
        )
    return paginate(query, order_by=(CatalogItem.name, CatalogItem.id), serialize=catalog_item)


@bp.post("/catalog-items")
@require_permission(CATALOG_WRITE)
@describe(tags=TAGS, status=201, request=CATALOG_CREATE)
def catalog_items_create():
    """Add a catalogue item (code unique in the company)."""
    return create_record(catalog.create, catalog_item, commit)


@bp.get("/catalog-items/<int:item_id>")
@require_permission(CATALOG_READ)
@describe(tags=TAGS, versioned=True)
def catalog_items_read(item_id: int):
    """One catalogue item; ``ETag`` is its version."""
    return read_record(_item(item_id), catalog_item)


@bp.patch("/catalog-items/<int:item_id>")
@require_permission(CATALOG_WRITE)
@describe(tags=TAGS, request=CATALOG_PATCH, versioned=True)
def catalog_items_update(item_id: int):
    """Change a catalogue item (``If-Match``: 409 ``stale_version`` if it changed meanwhile).

    Lines already written keep what they copied from it.
    """
    return update_record(_item(item_id), catalog_item, catalog.update, commit)
