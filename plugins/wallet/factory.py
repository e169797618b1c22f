"""The wallet factory: a payment request with its own receiving address for one invoice."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.api import ApiError, ValidationFailed, db, utcnow
from core.api import gettext as _
from plugins.invoicing.public import settlement
from plugins.wallet import addresses, settings, units
from plugins.wallet.models import LIVE, PaymentRequest


def create(company_id: int, invoice_id: int, token_address: str | None = None) -> PaymentRequest:
    invoice = settlement.payable(invoice_id)  # locked: two creations for one invoice queue
    _refuse_live_request(company_id, invoice.id)
    _refuse_nothing_due(invoice)
    config = settings.current(company_id)
    settings.require_ready(config)
    token = _token(config, token_address)
    request = PaymentRequest(
        company_id=company_id, invoice_id=invoice.id, token_address=token, **_terms(config)
    )
    _price(request, invoice, config)
    request.address, request.derivation_index = addresses.next_address(company_id, config)
    _insert(request)
    return request


def _refuse_nothing_due(invoice) -> None:
    if invoice.amount_due is not None and invoice.amount_due <= 0:
        raise ApiError(
            409,
            "invoice_not_payable",
            _("Invoice %(invoice_number)s has nothing left to pay.", invoice_number=invoice.number),
        )


def _terms(config: dict) -> dict:
    """What the company's settings say today, copied onto the request (later changes to the
    settings never change a quote already given)."""
    now = utcnow()
    return {
        "chain_id": config["chain_id"],
        "decimals": settings.TOKEN_DECIMALS,
        "mode": config["mode"],
        "token_currency": settings.TOKEN_CURRENCY,
        "tolerance_percent": config["tolerance_percent"],
        "confirmations": config["confirmations"],
        "expires_at": now + dt.timedelta(minutes=config["expiry_minutes"]),
        "monitor_until": now + dt.timedelta(minutes=config["monitor_minutes"]),
        "public_token": secrets.token_urlsafe(32),
    }


def _price(request: PaymentRequest, invoice, config: dict) -> None:
    """The amount due in token units, at the rate shown on the request; memo = chain hash."""
    rate = exchange_rate(invoice, config)
    due = Decimal(invoice.amount_due if invoice.amount_due is not None else invoice.total)
    amount = units.convert(due, rate, request.decimals)
    request.amount_units = Decimal(units.to_units(amount, request.decimals))
    request.invoice_amount, request.invoice_currency, request.rate = due, invoice.currency, rate
    request.memo = f"0x{invoice.hash}" if invoice.hash else None


def _insert(request: PaymentRequest) -> None:
    try:
        with db.session.begin_nested():
            db.session.add(request)
    except IntegrityError as exc:  # another company watches the same xpub or master id
        raise ApiError(
            409,
            "address_in_use",
            _(
                "%(request_address)s is already a receiving address on chain "
                "%(request_chain_id)s; each company needs its own xpub or virtual master.",
                request_address=request.address,
                request_chain_id=request.chain_id,
            ),
            {"address": request.address},
        ) from exc


def _refuse_live_request(company_id: int, invoice_id: int) -> None:
    live = db.session.scalar(
        select(PaymentRequest.id).where(
            PaymentRequest.company_id == company_id,
            PaymentRequest.invoice_id == invoice_id,
            PaymentRequest.status.in_(LIVE),
            PaymentRequest.destroyed_at.is_(None),
            PaymentRequest.expires_at > utcnow(),
        )
    )
    if live is not None:
        raise ApiError(
            409,
            "payment_request_exists",
            _("This invoice already has a live payment request."),
            {"payment_request_id": live},
        )


def _token(config: dict, token_address: str | None) -> str:
    if token_address in (None, ""):
        return config["token_address"]
    from plugins.wallet import keys

    if not keys.is_address(token_address):
        raise ValidationFailed({"token_address": _("must be a 0x-prefixed 20-byte hex address")})
    return keys.checksum(token_address)


def exchange_rate(invoice, config: dict) -> Decimal:
    """Token currency per unit of the invoice's currency.

    Same currency: 1. Otherwise the company's rate for the invoice currency, or the invoice's
    own exchange rate to AED times the company's AED rate. Without either: refused (409).
    """
    rates = {k: Decimal(v) for k, v in (config["exchange_rates"] or {}).items()}
    if invoice.currency == settings.TOKEN_CURRENCY:
        return Decimal(1)
    if invoice.currency in rates:
        return rates[invoice.currency]
    if "AED" in rates and invoice.exchange_rate:
        return Decimal(invoice.exchange_rate) * rates["AED"]
    raise ApiError(
        409,
        "no_exchange_rate",
        _(
            "The invoice is in %(invoice_currency)s and the token in "
            "%(settings_TOKEN_CURRENCY)s; set a %(invoice_currency)s rate in the wallet "
            "settings' exchange_rates.",
            invoice_currency=invoice.currency,
            settings_TOKEN_CURRENCY=settings.TOKEN_CURRENCY,
        ),
        {"invoice_currency": invoice.currency, "token_currency": settings.TOKEN_CURRENCY},
    )
