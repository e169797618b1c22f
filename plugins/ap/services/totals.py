"""Line nets and document totals through invoicing's ``compute_totals`` (EN 16931 rounding)."""

from __future__ import annotations

from plugins.invoicing.public import Line, Totals, compute_totals


def of_lines(rows, currency: str) -> Totals:
    lines = [
        Line(
            id=str(index + 1),
            description=row.description,
            quantity=row.quantity,
            unit_code=row.unit_code,
            unit_price=row.unit_price,
            tax_category=row.tax_category,
            tax_rate=row.tax_rate,
        )
        for index, row in enumerate(rows)
    ]
    return compute_totals(lines, currency=currency)


def apply(record, rows, currency: str) -> None:
    """Write each row's net and the record's subtotal, VAT and total."""
    totals = of_lines(rows, currency)
    for row, net in zip(rows, totals.line_nets, strict=True):
        row.net_amount = net
    record.subtotal, record.tax_total = totals.tax_exclusive, totals.tax_total
    record.total = totals.tax_inclusive
