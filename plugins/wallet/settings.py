"""Company settings of the wallet plugin: one row per company, created on first change."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from core.api import ApiError, FieldErrors, bump_version, db, exact_decimal
from core.api import gettext as _
from plugins.wallet import keys, virtual
from plugins.wallet.models import HD, VIRTUAL, WalletSettings

PATH_USD = "0x20C0000000000000000000000000000000000000"
DEFAULTS = {
    "mode": HD,
    "xpub": None,
    "master_address": None,
    "master_id": None,
    "token_address": PATH_USD,
    "chain_id": 4217,
    "confirmations": 1,
    "expiry_minutes": 15,
    "monitor_minutes": 24 * 60,
    "tolerance_percent": Decimal("0"),
    "exchange_rates": {},
}
TOKEN_CURRENCY, TOKEN_DECIMALS = "USD", 6  # TIP-20 USD stablecoins: currency() "USD", 6 decimals
MAX_RATE, RATE_STEP = Decimal(10**6), Decimal(1).scaleb(-12)  # the column: ExactNumeric(18, 12)
WHOLE = {"chain_id": (1, 2**31 - 1), "confirmations": (0, 100)}
WHOLE |= {"expiry_minutes": (1, 7 * 24 * 60), "monitor_minutes": (1, 30 * 24 * 60)}


def row(company_id: int, lock: bool = False) -> WalletSettings | None:
    query = select(WalletSettings).where(WalletSettings.company_id == company_id)
    return db.session.scalars(query.with_for_update() if lock else query).first()


def current(company_id: int) -> dict:
    found = row(company_id)
    if found is None:
        return dict(DEFAULTS)
    return {name: getattr(found, name) for name in DEFAULTS}


def as_json(values: dict) -> dict:
    rates = {k: str(v) for k, v in (values["exchange_rates"] or {}).items()}
    return {
        **values,
        "tolerance_percent": str(values["tolerance_percent"]),
        "exchange_rates": rates,
    }


def update(company_id: int, changes: dict) -> dict:
    """Apply a PATCH body; every invalid field is named in one 422."""
    errors = FieldErrors({name: "is not a setting" for name in changes if name not in DEFAULTS})
    parsed = {name: _parse(name, value, errors) for name, value in changes.items()}
    merged = {**current(company_id), **{k: v for k, v in parsed.items() if k in DEFAULTS}}
    _check_mode(merged, errors)
    errors.check()
    settings = row(company_id, lock=True) or WalletSettings(company_id=company_id, next_index=0)
    for name, value in merged.items():
        setattr(settings, name, value)
    if settings.id is not None and db.session.is_modified(settings):
        bump_version(settings)  # a user's change: what others read before is now behind
    db.session.add(settings)
    db.session.flush()
    return current(company_id)


def _parse(name, value, errors: FieldErrors):
    if name in WHOLE:
        low, high = WHOLE[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors[name] = _("must be a whole number from %(low)s to %(high)s", low=low, high=high)
        return value
    if name == "mode":
        if value not in (HD, VIRTUAL):
            errors[name] = _("must be hd or virtual")
        return value
    if name == "tolerance_percent":
        return _percent(value, errors)
    if name == "exchange_rates":
        return _rates(value, errors)
    return _text_setting(name, value, errors)


def _text_setting(name, value, errors: FieldErrors):
    if value is None and name != "token_address":
        return None
    if name == "master_id":
        if not virtual.valid_master_id(value):
            errors[name] = _("must be the 4-byte masterId of the registered master (0x + 8 hex)")
        return value.lower() if isinstance(value, str) else value
    if name == "xpub":
        if not isinstance(value, str) or not value.startswith("xpub") or not keys.valid_xpub(value):
            errors[name] = _("must be an account-level extended public key (xpub...)")
        return value
    if not keys.is_address(value):
        errors[name] = _("must be a 0x-prefixed 20-byte hex address")
        return value
    return keys.checksum(value)


def _percent(value, errors: FieldErrors):
    number = exact_decimal(
        value, "tolerance_percent", errors, _("must be a string"), _("must be a number")
    )
    if number is not None and not Decimal(0) <= number <= Decimal(100):
        errors["tolerance_percent"] = _("must be from 0 to 100")
    elif number is not None and number != number.quantize(Decimal("0.01")):
        errors["tolerance_percent"] = _("has more than 2 decimals")
    return number


def _rates(value, errors: FieldErrors):
    if not isinstance(value, dict):
        errors["exchange_rates"] = _('must map currencies to rates, e.g. {"AED": "0.2723"}')
        return {}
    rates = {}
    for code, text in value.items():
        rate = exact_decimal(
            text, "exchange_rates", errors, _("rates must be strings"), _("bad rate")
        )
        if not (isinstance(code, str) and len(code) == 3 and code.isupper()):
            errors["exchange_rates"] = _("%(code)s is not a currency code", code=repr(code))
        elif rate is not None and not Decimal(0) < rate < MAX_RATE:
            errors["exchange_rates"] = _(
                "the %(code)s rate must be above 0 and below %(MAX_RATE)s",
                code=code,
                MAX_RATE=MAX_RATE,
            )
        elif rate is not None and rate != rate.quantize(RATE_STEP):
            errors["exchange_rates"] = _("the %(code)s rate has more than 12 decimals", code=code)
        elif rate is not None:
            rates[code] = str(rate)
    return rates


def _check_mode(merged: dict, errors: FieldErrors) -> None:
    if merged["mode"] == VIRTUAL:
        for name in ("master_address", "master_id"):
            if not merged[name]:
                errors.setdefault(name, "is required in virtual mode")


def require_ready(values: dict) -> None:
    """409 ``wallet_not_configured`` unless requests can get an address."""
    missing = "xpub" if values["mode"] == HD else "master_id"
    if not values[missing]:
        raise ApiError(
            409,
            "wallet_not_configured",
            _(
                "Set the wallet's %(missing)s in PATCH /api/v1/wallet/settings first.",
                missing=missing,
            ),
            {"missing": missing},
        )
