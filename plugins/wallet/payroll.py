"""Payroll batch: many payees paid in one Tempo batch transaction, built here, signed elsewhere.

The answer is the unsigned call list of a Tempo type-0x76 transaction — one
``transferWithMemo(to, amount, memo)`` per payee — for an external signer (a hardware wallet,
``pytempo``, a Safe); this server never signs. Amounts are Decimal strings; more precision than
the token's decimals is refused.
"""

from __future__ import annotations

from core.api import ApiError, FieldErrors, ValidationFailed, exact_decimal
from plugins.wallet import keys, settings, units

TRANSFER_WITH_MEMO = keys.keccak256(b"transferWithMemo(address,uint256,bytes32)")[:4].hex()
MAX_PAYEES = 500


def memo_word(value: str | None) -> str:
    """A 32-byte memo: ``0x`` + 64 hex as given, or UTF-8 text of at most 32 bytes."""
    if value is None:
        return "0" * 64
    if value.startswith("0x") and len(value) == 66:
        int(value[2:], 16)
        return value[2:].lower()
    raw = value.encode()
    if len(raw) > 32:
        raise ValueError("at most 32 bytes")
    return raw.ljust(32, b"\0").hex()


def call(token: str, payee: str, amount_units: int, memo: str) -> dict:
    data = "0x" + TRANSFER_WITH_MEMO + payee.lower()[2:].rjust(64, "0")
    data += format(amount_units, "064x") + memo
    return {"to": token, "value": "0x0", "data": data}


def build(company_id: int, payees, token_address: str | None) -> dict:
    config = settings.current(company_id)
    token = keys.checksum(token_address) if token_address else config["token_address"]
    rows = _parse(payees)
    calls = [
        {**call(token, p["address"], p["units"], p["memo"]), "payee": p["address"],
         "amount_units": str(p["units"]), "memo": "0x" + p["memo"]}
        for p in rows
    ]  # fmt: skip
    total = sum(p["units"] for p in rows)
    return {"type": "0x76", "chain_id": config["chain_id"], "token_address": token,
            "calls": calls, "total_units": str(total), "signed": False}  # fmt: skip


def _parse(payees) -> list[dict]:
    if not isinstance(payees, list) or not 0 < len(payees) <= MAX_PAYEES:
        raise ValidationFailed({"payees": f"must be a list of 1 to {MAX_PAYEES} payees"})
    errors, rows = FieldErrors(), []
    for i, payee in enumerate(payees):
        rows.append(_payee(payee if isinstance(payee, dict) else {}, f"payees[{i}]", errors))
    errors.check()
    return rows


def _payee(data: dict, name: str, errors: FieldErrors) -> dict:
    address, memo, amount = data.get("address"), None, None
    if not keys.is_address(address):
        errors[f"{name}.address"] = "must be a 0x-prefixed 20-byte hex address"
    try:
        memo = memo_word(data.get("memo"))
    except ValueError:
        errors[f"{name}.memo"] = "must be text of at most 32 bytes or 0x + 64 hex"
    value = exact_decimal(
        data.get("amount"), f"{name}.amount", errors, "must be a string", "must be a number"
    )
    if value is not None and value <= 0:
        errors[f"{name}.amount"] = "must be positive"
    elif value is not None:
        try:
            amount = units.to_units(value, settings.TOKEN_DECIMALS)
        except ApiError:
            errors[f"{name}.amount"] = f"has more than {settings.TOKEN_DECIMALS} decimals"
    return {"address": address, "units": amount, "memo": memo}
