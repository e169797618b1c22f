"""The AP tables; each concept in its own module."""

from plugins.ap.models.bill import Bill, BillLine
from plugins.ap.models.document import BillDocument
from plugins.ap.models.order import PurchaseOrder, PurchaseOrderLine
from plugins.ap.models.payment import BillPayment
from plugins.ap.models.receipt import GoodsReceipt, GoodsReceiptLine
from plugins.ap.models.settings import ApSettings
from plugins.ap.models.vendor import Vendor

MODELS = [
    Vendor,
    PurchaseOrder,
    PurchaseOrderLine,
    GoodsReceipt,
    GoodsReceiptLine,
    Bill,
    BillLine,
    BillDocument,
    BillPayment,
    ApSettings,
]

__all__ = [
    "MODELS",
    "ApSettings",
    "Bill",
    "BillDocument",
    "BillLine",
    "BillPayment",
    "GoodsReceipt",
    "GoodsReceiptLine",
    "PurchaseOrder",
    "PurchaseOrderLine",
    "Vendor",
]
