"""Live totals of the editor: the typed lines go through the drafts service's parser and the
one totals function (``mapping.live_totals`` → ``totals.compute_totals``), unsaved."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from core.api import gettext as _
from plugins.einvoice.public import Totals, codes
from plugins.invoicing import mapping
from plugins.invoicing.forms import field_label
from plugins.invoicing.models import Invoice, Line
from plugins.invoicing.services import drafts
from plugins.invoicing.services import validation as v


@dataclass
class Preview:
    currency: str
    totals: Totals | None = None
    line_nets: dict[int, Decimal] = field(default_factory=dict)  # row index -> net amount
    problems: list[str] = field(default_factory=list)


def _line_has_error(index: int, errors: dict) -> bool:
    prefix = f"lines[{index}]"
    return any(name == prefix or name.startswith(prefix + ".") for name in errors)


def preview(payload: dict) -> Preview:
    errors = v.Errors()
    lines = drafts.parse_lines(payload.get("lines") or [], errors)
    currency = (v.text(payload, "currency", errors, 3) or "AED").upper()
    if not codes.is_currency(currency):
        errors["currency"] = _("must be an ISO 4217 currency code")
        currency = "AED"
    rate = v.decimal(payload, "exchange_rate", errors, default=Decimal("1"))
    good = [(i, line) for i, line in enumerate(lines) if not _line_has_error(i, errors)]
    # A transient invoice, never added to the session: nothing here is saved.
    draft = Invoice(
        currency=currency,
        exchange_rate=rate if rate and rate > 0 else Decimal("1"),
        lines=[Line(position=n, **line) for n, (_, line) in enumerate(good, start=1)],
    )
    result = Preview(currency=currency, problems=[_describe(k, m) for k, m in errors.items()])
    if good:
        result.totals = mapping.live_totals(draft)
        result.line_nets = {
            i: net for (i, _), net in zip(good, result.totals.line_nets, strict=True)
        }
    return result


def _describe(name: str, message: str) -> str:
    """``lines[0].unit_price`` → "Line 1, Unit price: is required" (the label, not the key)."""
    return f"{field_label(name)}: {message}"
