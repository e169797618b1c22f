"""The vendor column and filter of AP's lists (bills, purchase orders)."""

from __future__ import annotations

from sqlalchemy import select

from core.api import ListField, db, lazy_gettext, record_filter
from plugins.ap.models import Vendor
from plugins.ap.vendor_join import VENDOR_NAME


def _vendors():
    return db.session.execute(select(Vendor.id, Vendor.name).order_by(Vendor.name)).all()


def vendor_filter(column):
    """``?vendor_id=``: the rows whose ``column`` is that vendor."""
    return record_filter("vendor_id", lazy_gettext("Vendor"), column, _vendors)


# Rows are records with their ``vendor`` loaded (joined for the sort on its name: see
# vendor_join).
VENDOR = ListField(
    "vendor",
    lazy_gettext("Vendor"),
    sort=VENDOR_NAME,
    value=lambda record: record.vendor.name,
    truncate=True,
)
