"""How a vendor bill may be paid: the payments plugin's methods when it is enabled.

The payments plugin owns the list of payment methods (its built-ins plus whatever plugins add
through ``payments_methods``); AP reads it through ``plugins.payments.public``. Without the
payments plugin AP offers its own short list.
"""

from __future__ import annotations

import importlib

from flask import current_app

from plugins.ap.models.payment import PAY_METHODS


def payments_enabled() -> bool:
    plugins = current_app.extensions["ledgerline.plugins"]
    return any(info.manifest.name == "payments" for info in plugins.enabled())


def allowed() -> tuple[str, ...]:
    if not payments_enabled():
        return PAY_METHODS
    return tuple(importlib.import_module("plugins.payments.public").payment_methods())
