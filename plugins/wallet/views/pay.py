"""The customer's payment page: no login, an unguessable link, QR code, countdown, live status.

The status block re-fetches itself every few seconds with htmx (an anonymous visitor has no
Socket.IO room); the QR code carries the EIP-681 URI.
"""

from __future__ import annotations

import segno
from flask import abort
from sqlalchemy import select

from core.api import db, render, scoped
from plugins.wallet import links, units
from plugins.wallet.models import PaymentRequest
from plugins.wallet.views import bp

POLL_SECONDS = 5


def by_token(token: str) -> PaymentRequest:
    """The request behind a public link; any other token is a plain 404."""
    with scoped(None):  # a public page: the unguessable token is the authorisation
        query = select(PaymentRequest).where(PaymentRequest.public_token == token)
        request = db.session.scalars(query).first()
    if request is None or len(token) < 32:
        abort(404)
    return request


def page_context(request: PaymentRequest) -> dict:
    uri = links.eip681(request)
    return {
        "request": request,
        "amount": units.from_units(request.amount_units, request.decimals),
        "uri": uri,
        "qr": segno.make(uri, error="m").svg_data_uri(scale=5),
        "poll_seconds": POLL_SECONDS,
    }


@bp.get("/pay/<token>")
def pay_page(token: str):
    return render("wallet/pay.html", block="status", **page_context(by_token(token)))


@bp.get("/pay/<token>/status")
def pay_status(token: str):
    return render("wallet/pay.html", block="status", **page_context(by_token(token)))
