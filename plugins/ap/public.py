"""What other plugins may use of AP (the PEPPOL provider creates bills from inbound documents).

``import_bill(company_id, xml, *, source, actor=None)`` validates the document with the
official rules, finds or creates the vendor, stores the bill with the original XML and runs
the first match. It does not commit: the caller's transaction decides. It raises

* ``InvalidEInvoice`` (an ``ApiError`` 422 ``einvoice_invalid``): ``.rules`` lists the fatal
  rule ids (``"XSD"`` for schema errors, ``"UBL"`` when the bytes are no UBL Invoice or
  CreditNote at all, e.g. not well-formed or with a DOCTYPE); nothing is stored;
* ``DuplicateBill`` (an ``ApiError`` 409 ``duplicate_bill``): ``.bill_id`` is the existing bill.

``ImportResult`` has ``.bill`` (``bill.id``, ``bill.status``, ``bill.match_status``) and
``.warnings`` (list of str, e.g. a document addressed to another buyer).
"""

from plugins.ap.services.duplicates import DuplicateBill
from plugins.ap.services.importing import ImportResult, InvalidEInvoice, import_bill

__all__ = ["DuplicateBill", "ImportResult", "InvalidEInvoice", "import_bill"]
