"""A list's vendor: a LEFT JOIN of the vendor table on the listed row's own company
(``core.api.join_own_company`` says why not the ``Vendor`` entity); sort and search on
:data:`VENDOR_NAME`, a column of the table. And a bill's purchase order number, read by key in
the page's statement.

A bill's order is not joined at all: a joined entity gets the tenant filter's constant (a
Bloom filter over the orders), and a joined table makes the list's count read the whole bill
table (no index covers the bill's company, vendor and order). Its number is read in the page's
own statement, a subquery by key on the bill's company (:func:`order_number_loaded`), which
the count does not carry.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, lazyload, with_expression

from core.api import join_own_company
from plugins.ap.models import Bill, PurchaseOrder, Vendor

VENDORS = Vendor.__table__
VENDOR_NAME = VENDORS.c.name


def with_vendor(query, model):
    """``query`` (of bills or purchase orders: ``model``) with each row's vendor joined."""
    return join_own_company(query, model, Vendor, model.vendor_id)


def vendor_loaded(model):
    """The loader option filling ``model.vendor`` from :func:`with_vendor`'s join."""
    return contains_eager(model.vendor, alias=VENDORS)


def order_number_loaded() -> tuple:
    """Loader options: ``Bill.order_number`` read in the page's statement (the order not
    loaded): see :func:`order_number`."""
    orders = PurchaseOrder.__table__
    same = (orders.c.id == Bill.order_id, orders.c.company_id == Bill.company_id)
    number = select(orders.c.number).where(*same).scalar_subquery()
    return with_expression(Bill.order_number, number), lazyload(Bill.order)


def order_number(bill) -> str | None:
    """The number of ``bill``'s order: as its list's page read it, else from the order (a
    row without ``order_number``, e.g. a benchmark's bare row, reads its ``order``)."""
    number = getattr(bill, "order_number", None)
    if number is not None or bill.order_id is None:
        return number
    return bill.order.number if bill.order is not None else None
