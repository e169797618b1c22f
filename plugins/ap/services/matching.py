"""The 3-way (and 2-way) match of a bill against its purchase order: pure, no database.

For each bill line linked to a PO line the billed quantity is compared with what may still be
billed (the accepted quantity, or the ordered one on a 2-way line, less what other bills took),
and the billed price with the PO price. Money is compared at the currency's precision:

* full     - no quantity difference and every money variance within the full-match limit;
* variance - within the company's tolerance ("the greater of P % or A"), for price and
             quantity separately;
* beyond   - outside the tolerance, or billed more than was accepted.

The bill is FULL_MATCH when every line and the total are full, VARIANCE_DETECTED when nothing
is beyond, PARTIAL_MATCH when anything is beyond or a line has no PO line, NOT_MATCHED when the
bill has no purchase order at all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from plugins.ap.services.numbers import money, money_text, price_text, quantity_text
from plugins.ap.services.settings import Tolerances

FULL, VARIANCE, BEYOND, UNMATCHED = "full", "variance", "beyond", "unmatched"
RANK = {FULL: 0, VARIANCE: 1, BEYOND: 2, UNMATCHED: 2}
ZERO = Decimal("0")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class OrderLineFacts:
    id: int
    description: str
    ordered: Decimal
    accepted: Decimal
    unit_price: Decimal
    two_way: bool
    billed_elsewhere: Decimal = ZERO  # by other bills that are not rejected

    @property
    def billable(self) -> Decimal:
        return (self.ordered if self.two_way else self.accepted) - self.billed_elsewhere


@dataclass(frozen=True)
class BillLineFacts:
    id: int | None
    quantity: Decimal
    unit_price: Decimal
    net_amount: Decimal
    order_line: OrderLineFacts | None
    link_method: str | None = None


@dataclass
class LineMatch:
    bill_line_id: int | None
    link_method: str | None
    state: str
    reasons: list[str] = field(default_factory=list)
    numbers: dict = field(default_factory=dict)


@dataclass
class MatchResult:
    status: str
    lines: list[LineMatch]
    total_variance: Decimal
    expected_total: Decimal
    total_state: str
    total_tolerance: Decimal


def percent_or_amount(percent: Decimal, base: Decimal, amount: Decimal) -> Decimal:
    """The greater of ``percent`` of ``base`` and ``amount``."""
    return max(abs(base) * percent / HUNDRED, amount)


def _grade(variance: Decimal, full_limit: Decimal, tolerance: Decimal) -> str:
    if abs(variance) <= full_limit:
        return FULL
    return VARIANCE if abs(variance) <= tolerance else BEYOND


def _quantity_state(variance: Decimal, tolerance: Decimal) -> tuple[str, str | None]:
    if variance > 0:
        return BEYOND, "billed more than was accepted"
    if variance == 0:
        return FULL, None
    if -variance <= tolerance:
        return VARIANCE, "billed less than accepted, within the quantity tolerance"
    return BEYOND, "billed less than accepted, beyond the quantity tolerance"


def match_line(
    line: BillLineFacts, already: Decimal, tol: Tolerances, places: int
) -> tuple[LineMatch, Decimal]:
    """One bill line; ``already`` is what earlier lines of this bill took of its PO line."""
    po = line.order_line
    if po is None:
        found = LineMatch(line.id, None, UNMATCHED, ["no purchase order line"])
        found.numbers = _unmatched_numbers(line, places)
        return found, ZERO
    available = po.billable - already
    qty_var = line.quantity - available
    qty_tol = percent_or_amount(
        tol.quantity_tolerance_percent, available, tol.quantity_tolerance_amount
    )
    qty_state, qty_reason = _quantity_state(qty_var, qty_tol)
    price_var = line.unit_price - po.unit_price
    price_base = money(po.unit_price * line.quantity, places)
    # What the billed quantity costs beyond the PO price, line allowances and charges included.
    price_effect = money(line.net_amount, places) - price_base
    price_tol = money(
        percent_or_amount(tol.price_tolerance_percent, price_base, tol.price_tolerance_amount),
        places,
    )
    price_state = _grade(price_effect, money(tol.full_match_limit, places), price_tol)
    expected = money(max(available, ZERO) * po.unit_price, places)
    amount_var = money(line.net_amount, places) - expected
    state = max((qty_state, price_state), key=RANK.get)
    reasons = [
        r for r in (qty_reason, _price_reason(price_state, price_effect, price_tol, places)) if r
    ]
    found = LineMatch(line.id, line.link_method, state, reasons)
    found.numbers = {
        "po_line_id": po.id,
        "po_description": po.description,
        "ordered_quantity": quantity_text(po.ordered),
        "accepted_quantity": quantity_text(po.accepted),
        "previously_billed_quantity": quantity_text(po.billed_elsewhere + already),
        "billable_quantity": quantity_text(available),
        "billed_quantity": quantity_text(line.quantity),
        "quantity_variance": quantity_text(qty_var),
        "quantity_tolerance": quantity_text(qty_tol),
        "po_unit_price": price_text(po.unit_price, places),
        "billed_unit_price": price_text(line.unit_price, places),
        "price_variance": price_text(price_var, places),
        "price_variance_amount": money_text(price_effect, places),
        "price_tolerance": money_text(price_tol, places),
        "expected_amount": money_text(expected, places),
        "billed_amount": money_text(line.net_amount, places),
        "amount_variance": money_text(amount_var, places),
        "match_type": "two_way" if po.two_way else "three_way",
    }
    return found, expected


def _price_reason(state: str, effect: Decimal, tolerance: Decimal, places: int) -> str | None:
    if state == FULL:
        return None
    word = "within" if state == VARIANCE else "beyond"
    amount, limit = money_text(effect, places), money_text(tolerance, places)
    return f"price differs by {amount}, {word} the tolerance of {limit}"


def _unmatched_numbers(line: BillLineFacts, places: int) -> dict:
    return {
        "po_line_id": None,
        "billed_quantity": quantity_text(line.quantity),
        "billed_unit_price": price_text(line.unit_price, places),
        "billed_amount": money_text(line.net_amount, places),
    }


def match_bill(
    lines: list[BillLineFacts],
    subtotal: Decimal,
    has_order: bool,
    tol: Tolerances,
    places: int = 2,
) -> MatchResult:
    taken: dict[int, Decimal] = defaultdict(lambda: ZERO)
    results, expected_total = [], ZERO
    for line in lines:
        key = line.order_line.id if line.order_line else None
        found, expected = match_line(line, taken[key] if key else ZERO, tol, places)
        if key:
            taken[key] += line.quantity
        results.append(found)
        expected_total += expected
    total_var = money(subtotal, places) - expected_total
    total_tol = money(
        percent_or_amount(tol.price_tolerance_percent, expected_total, tol.price_tolerance_amount),
        places,
    )
    total_state = _grade(total_var, money(tol.full_match_limit, places), total_tol)
    status = _status(results, total_state, has_order)
    return MatchResult(status, results, total_var, expected_total, total_state, total_tol)


def _status(results: list[LineMatch], total_state: str, has_order: bool) -> str:
    linked = [r for r in results if r.state != UNMATCHED]
    if not has_order and not linked:
        return "NOT_MATCHED"
    worst = max((RANK[r.state] for r in results), default=RANK[BEYOND])
    worst = max(worst, RANK[total_state]) if linked else RANK[BEYOND]
    return ("FULL_MATCH", "VARIANCE_DETECTED", "PARTIAL_MATCH")[worst]
