"""JSON Schemas of AP requests and answers, for the OpenAPI document."""

from __future__ import annotations

MONEY = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}
DECIMAL = {
    "type": ["string", "integer"],
    "description": 'a decimal written as a string such as "150.00" (never a float)',
}
NULLABLE_DECIMAL = {**DECIMAL, "type": ["string", "integer", "null"]}
TEXT = {"type": ["string", "null"]}
DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
ID = {"type": "integer"}
NULLABLE_ID = {"type": ["integer", "null"]}
STATUS_PO = {"type": "string", "enum": ["DRAFT", "SENT", "CLOSED", "CANCELLED"]}
STATUS_BILL = {
    "type": "string",
    "enum": ["DRAFT", "MATCHED", "APPROVED", "PARTIALLY_PAID", "PAID", "REJECTED"],
}
MATCH_STATUS = {
    "type": ["string", "null"],
    "enum": ["FULL_MATCH", "VARIANCE_DETECTED", "PARTIAL_MATCH", "NOT_MATCHED", None],
}


def obj(required=(), **properties) -> dict:
    return {"type": "object", "required": list(required), "properties": properties}


def closed(schema: dict) -> dict:
    """A request schema that names every field it accepts, at every level (others are a 422)."""
    if schema.get("type") == "array":
        return {**schema, "items": closed(schema["items"])}
    if schema.get("type") != "object":
        return schema
    properties = {name: closed(value) for name, value in schema["properties"].items()}
    return {**schema, "properties": properties, "additionalProperties": False}


VENDOR_IN = obj(
    ["name"],
    name={"type": "string"}, trn=TEXT, vat_ids={"type": "array", "items": {"type": "string"}},
    email=TEXT, phone=TEXT, address_line1=TEXT, address_line2=TEXT, city=TEXT,
    postal_code=TEXT, country=TEXT, subdivision=TEXT, peppol_id=TEXT,
    emirate={**TEXT, "deprecated": True,
             "description": "Deprecated alias of subdivision for a UAE address (AE-DU)"},
    legal_id=TEXT, legal_id_type=TEXT, legal_id_authority=TEXT, iban=TEXT,
    payment_terms_days={"type": "integer"},
)  # fmt: skip
VENDOR = {
    **VENDOR_IN,
    "required": ["id", "name"],
    "properties": {**VENDOR_IN["properties"], "id": ID, "created_by_import": {"type": "boolean"}},
}

LINE_IN = obj(
    ["description", "quantity", "unit_price"],
    description={"type": "string"}, item_code=TEXT, quantity=DECIMAL, unit_code=TEXT,
    unit_price=DECIMAL, tax_category=TEXT, tax_rate=NULLABLE_DECIMAL,
)  # fmt: skip
PO_LINE_IN = {
    **LINE_IN,
    "properties": {
        **LINE_IN["properties"],
        "match_type": {"type": "string", "enum": ["three_way", "two_way"]},
    },
}
PO_IN = obj(
    ["vendor_id", "order_date", "lines"],
    vendor_id=ID, currency=TEXT, order_date=DATE, expected_date=NULLABLE_DATE,
    notes=TEXT, lines={"type": "array", "items": PO_LINE_IN},
)  # fmt: skip
PO_PATCH = {**PO_IN, "required": []}
PO_LINE = obj(
    ["id", "ordered_quantity", "received_quantity", "accepted_quantity", "billed_quantity"],
    id=ID, line_number=ID, description={"type": "string"}, item_code=TEXT, quantity=DECIMAL,
    unit_code={"type": "string"}, unit_price=MONEY, tax_category={"type": "string"},
    tax_rate=DECIMAL, match_type={"type": "string"}, net_amount=MONEY, ordered_quantity=DECIMAL,
    received_quantity=DECIMAL, accepted_quantity=DECIMAL, rejected_quantity=DECIMAL,
    billed_quantity=DECIMAL,
)  # fmt: skip
PURCHASE_ORDER = obj(
    ["id", "number", "status", "lines", "total"],
    id=ID, number=TEXT, status=STATUS_PO, vendor_id=ID, vendor_name={"type": "string"},
    order_date=DATE, expected_date=NULLABLE_DATE, currency={"type": "string"}, notes=TEXT,
    lines={"type": "array", "items": PO_LINE}, subtotal=MONEY, tax_total=MONEY, total=MONEY,
    billing_status={"type": "string", "enum": ["nothing_to_bill", "waiting_bills", "fully_billed"]},
)  # fmt: skip

RECEIPT_IN = obj(
    ["received_date", "lines"],
    received_date=DATE, notes=TEXT,
    lines={"type": "array", "items": obj(
        ["po_line_id", "received_quantity"],
        po_line_id=ID, received_quantity=DECIMAL, accepted_quantity=NULLABLE_DECIMAL,
        rejection_reason=TEXT,
    )},
)  # fmt: skip
RECEIPT = obj(
    ["id", "number", "purchase_order_id", "lines"],
    id=ID, number={"type": "string"}, purchase_order_id=ID, received_date=DATE, notes=TEXT,
    lines={"type": "array", "items": obj(
        [], id=ID, po_line_id=ID, received_quantity=DECIMAL, accepted_quantity=DECIMAL,
        rejected_quantity=DECIMAL, rejection_reason=TEXT,
    )},
)  # fmt: skip

BILL_LINE_IN = {**LINE_IN, "properties": {**LINE_IN["properties"], "po_line_id": NULLABLE_ID}}
BILL_IN = obj(
    ["vendor_id", "vendor_invoice_number", "issue_date", "lines"],
    vendor_id=ID, vendor_invoice_number={"type": "string"}, issue_date=DATE,
    due_date=NULLABLE_DATE, currency=TEXT, purchase_order_id=NULLABLE_ID,
    kind={"type": "string", "enum": ["invoice", "credit_note"]},
    lines={"type": "array", "items": BILL_LINE_IN},
)  # fmt: skip
MATCH_LINE = obj(
    ["po_line_id", "billed_quantity", "within_tolerance"],
    bill_line_id=ID, po_line_id={"type": ["integer", "null"]}, ordered_quantity=DECIMAL,
    accepted_quantity=DECIMAL, billed_quantity=DECIMAL, quantity_variance=DECIMAL,
    po_unit_price=MONEY, billed_unit_price=MONEY, price_variance=MONEY, amount_variance=MONEY,
    within_tolerance={"type": "boolean"},
    state={"type": "string", "enum": ["full", "variance", "beyond", "unmatched"]},
    link_method=TEXT, reasons={"type": "array", "items": {"type": "string"}},
)  # fmt: skip
BILL = obj(
    ["id", "status", "match_status", "match", "total"],
    id=ID, kind={"type": "string"}, vendor_id=ID, vendor_invoice_number={"type": "string"},
    issue_date=DATE, due_date=NULLABLE_DATE, currency={"type": "string"},
    purchase_order_id={"type": ["integer", "null"]}, status=STATUS_BILL,
    match_status=MATCH_STATUS,
    match=obj(["lines", "total_variance"], lines={"type": "array", "items": MATCH_LINE},
              total_variance={"type": ["string", "null"]}),
    subtotal=MONEY, tax_total=MONEY, total=MONEY, amount_paid=MONEY, amount_due=MONEY,
    possible_duplicate_of={"type": ["integer", "null"]},
    warnings={"type": "array", "items": {"type": "string"}}, source={"type": "string"},
)  # fmt: skip
APPROVE_IN = obj([], reason=TEXT)
REJECT_IN = obj(["reason"], reason={"type": "string"})
RELINK_IN = obj(["po_line_id"], po_line_id=NULLABLE_ID)
SETTINGS = obj(
    [],
    full_match_limit=DECIMAL, price_tolerance_percent=DECIMAL, price_tolerance_amount=DECIMAL,
    quantity_tolerance_percent=DECIMAL, quantity_tolerance_amount=DECIMAL,
    over_receipt_percent=DECIMAL,
    duplicate_policy={"type": "string", "enum": ["flag", "block"]},
    peppol_rules={"type": "string", "enum": ["enforce", "warn"]},
)  # fmt: skip
SETTINGS_IN = closed(SETTINGS)
PAYMENT_IN = obj(
    ["amount", "method"],
    amount=DECIMAL, method={"type": "string"}, date=DATE, currency={"type": "string"},
    reference=TEXT, notes=TEXT,
)  # fmt: skip
REVERSE_IN = obj(["reason"], reason={"type": "string"})
PAYMENT = obj(
    ["id", "bill_id", "amount", "currency", "method", "date", "reversal_of", "bill"],
    id=ID, bill_id=ID, amount=MONEY, currency={"type": "string"}, method={"type": "string"},
    date=DATE, reference=TEXT, notes=TEXT, reversal_of=NULLABLE_ID,
    reversed_by=NULLABLE_ID, created_at={"type": "string"},
    bill=obj(["id", "status", "amount_paid", "amount_due"], id=ID, status=STATUS_BILL,
             amount_paid=MONEY, amount_due=MONEY),
)  # fmt: skip


# What the API accepts: closed versions of the request shapes above.
VENDOR_REQUEST = closed(VENDOR_IN)
VENDOR_PATCH = {**VENDOR_REQUEST, "required": []}
PO_REQUEST, PO_PATCH_REQUEST = closed(PO_IN), closed(PO_PATCH)
RECEIPT_REQUEST, BILL_REQUEST = closed(RECEIPT_IN), closed(BILL_IN)
APPROVE_REQUEST, REJECT_REQUEST = closed(APPROVE_IN), closed(REJECT_IN)
RELINK_REQUEST = closed(RELINK_IN)
PAYMENT_REQUEST, REVERSE_REQUEST = closed(PAYMENT_IN), closed(REVERSE_IN)
XML_BODY = {"application/xml": {"schema": {"type": "string", "description": "UBL 2.1 XML"}}}
ZIP_BODY = {"application/zip": {"schema": {"type": "string", "format": "binary"}}}
