"""Invoice totals with the EN 16931 rounding rules: the one place money is added up.

Rounding happens exactly where the standard rounds, half-up to the currency's unit:
  line net      = round(quantity x unit price) - line allowance          (BT-131, R120)
  VAT per group = round(taxable amount x rate / 100), one group per (category, rate)
                                                                   (BT-117, BR-S-09, BR-CO-17)
and every total is a plain sum of rounded figures (BR-CO-10..16), so the XML adds up to the
cent under the validator's own arithmetic. Nothing here rounds a total a second time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from plugins.einvoice.codes import ZERO_TAX, amount_places
from plugins.einvoice.documents import Allowance, Document, Line, to_decimal

ZERO = Decimal("0")


@dataclass(frozen=True)
class TaxGroup:
    """One row of the VAT breakdown (BG-23)."""

    category: str
    rate: Decimal
    taxable: Decimal
    tax: Decimal
    exemption_reason: str | None = None
    exemption_code: str | None = None


@dataclass(frozen=True)
class Totals:
    currency: str
    line_nets: tuple[Decimal, ...]  # per line, in document order
    line_taxes: tuple[Decimal, ...]  # per line VAT, for display and PINT-AE BTAE-08 only
    groups: tuple[TaxGroup, ...]  # VAT breakdown, sorted by category then rate
    line_total: Decimal  # BT-106 sum of line nets
    allowance_total: Decimal  # BT-107 document-level allowances
    tax_exclusive: Decimal  # BT-109
    tax_total: Decimal  # BT-110
    tax_inclusive: Decimal  # BT-112
    prepaid: Decimal  # BT-113
    payable: Decimal  # BT-115 amount due
    tax_total_accounting: Decimal | None = None  # BT-111 VAT in the tax currency (AED)
    tax_inclusive_accounting: Decimal | None = None  # PINT-AE BTAE-20 total in AED

    @property
    def subtotal(self) -> Decimal:
        return self.tax_exclusive

    @property
    def total(self) -> Decimal:
        return self.tax_inclusive


def money(value: Decimal, places: int = 2) -> Decimal:
    """Round half-up to ``places`` decimals (the commercial rounding EN 16931 assumes)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def line_net(line: Line, places: int = 2) -> Decimal:
    return money(line.quantity * line.unit_price, places) - money(line.allowance, places)


def group_tax(category: str, rate: Decimal, taxable: Decimal, places: int = 2) -> Decimal:
    if category in ZERO_TAX:
        return money(ZERO, places)  # reverse charge: the buyer accounts for the VAT
    return money(taxable * rate / 100, places)


def compute_totals(
    source: Document | Iterable[Line],
    *,
    currency: str = "AED",
    allowances: Iterable[Allowance] = (),
    prepaid=ZERO,
    exchange_rate=None,
) -> Totals:
    """Totals of a Document, or of bare lines (the editor's live totals) with the keywords.

    For a Document the keywords are ignored: its own currency, allowances, prepaid amount and
    exchange rate apply. ``exchange_rate`` (tax-currency units per document unit) adds the VAT
    total and the grand total in the tax currency, each rounded once from the document figure.
    """
    if isinstance(source, Document):
        lines, currency = source.lines, source.currency
        allowances, prepaid = source.allowances, source.prepaid
        exchange_rate = source.exchange_rate if source.accounting_currency else None
    else:
        lines = tuple(source)
        allowances = tuple(allowances)
        prepaid = to_decimal(prepaid, "prepaid")
    places = amount_places(currency)
    nets = tuple(line_net(line, places) for line in lines)
    groups = _tax_groups(lines, nets, allowances, places)
    line_total = sum(nets, money(ZERO, places))
    allowance_total = sum((money(a.amount, places) for a in allowances), money(ZERO, places))
    tax_exclusive = line_total - allowance_total
    tax_total = sum((g.tax for g in groups), money(ZERO, places))
    tax_inclusive = tax_exclusive + tax_total
    prepaid = money(prepaid, places)
    accounting = _accounting(exchange_rate, tax_total, tax_inclusive)
    return Totals(
        currency=currency,
        line_nets=nets,
        line_taxes=tuple(
            group_tax(line.tax_category, line.tax_rate, net, places)
            for line, net in zip(lines, nets, strict=True)
        ),
        groups=groups,
        line_total=line_total,
        allowance_total=allowance_total,
        tax_exclusive=tax_exclusive,
        tax_total=tax_total,
        tax_inclusive=tax_inclusive,
        prepaid=prepaid,
        payable=tax_inclusive - prepaid,
        tax_total_accounting=accounting[0],
        tax_inclusive_accounting=accounting[1],
    )


def _tax_groups(lines, nets, allowances, places) -> tuple[TaxGroup, ...]:
    taxable: dict[tuple[str, Decimal], Decimal] = {}
    reasons: dict[tuple[str, Decimal], tuple[str | None, str | None]] = {}
    for line, net in zip(lines, nets, strict=True):
        key = (line.tax_category, line.tax_rate.normalize())
        taxable[key] = taxable.get(key, ZERO) + net
        if key not in reasons or reasons[key] == (None, None):
            reasons[key] = (line.exemption_reason, line.exemption_code)
    for allowance in allowances:
        key = (allowance.tax_category, allowance.tax_rate.normalize())
        taxable[key] = taxable.get(key, ZERO) - money(allowance.amount, places)
    return tuple(
        TaxGroup(
            category=category,
            rate=rate,
            taxable=amount,
            tax=group_tax(category, rate, amount, places),
            exemption_reason=reasons.get((category, rate), (None, None))[0],
            exemption_code=reasons.get((category, rate), (None, None))[1],
        )
        for (category, rate), amount in sorted(taxable.items(), key=_group_order)
    )


def _group_order(item) -> tuple:
    (category, rate), _ = item
    return (category, rate)


def _accounting(rate, tax_total, tax_inclusive) -> tuple[Decimal | None, Decimal | None]:
    if rate is None:
        return None, None
    rate = to_decimal(rate, "exchange_rate")
    return money(tax_total * rate), money(tax_inclusive * rate)
