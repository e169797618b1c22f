"""Payroll batch: many payees paid in one Tempo batch transaction, built here, signed elsewhere.

The answer is one Tempo type-0x76 transaction — one ``transferWithMemo(to, amount, memo)``
call per payee — encoded unsigned for an external signer (a hardware wallet, ``pytempo``, a
Safe): ``transaction.signing_hash`` is what the payer signs, ``transaction.unsigned`` the
preimage. Nonce, fees (paid in the token) and the gas limit come from the chain for the paying
address (``from``, default: the company's master address). This server never signs. Amounts
are Decimal strings; more precision than the token's decimals is refused.
"""

from __future__ import annotations

from core.api import ApiError, FieldErrors, ValidationFailed, exact_decimal
from core.api import gettext as _
from plugins.wallet import chain, keys, settings, units
from plugins.wallet.tempo_tx import BatchTransaction, Call

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


def build(company_id: int, payees, token_address: str | None, sender: str | None = None) -> dict:
    config = settings.current(company_id)
    token = keys.checksum(token_address) if token_address else config["token_address"]
    rows = _parse(payees)
    payer = _payer(sender, config)
    calls = [
        {**call(token, p["address"], p["units"], p["memo"]), "payee": p["address"],
         "amount_units": str(p["units"]), "memo": "0x" + p["memo"]}
        for p in rows
    ]  # fmt: skip
    total = sum(p["units"] for p in rows)
    tx = transaction(config["chain_id"], payer, token, calls)
    return {"type": "0x76", "chain_id": config["chain_id"], "token_address": token,
            "calls": calls, "total_units": str(total), "signed": False,
            "transaction": _summary(tx, payer)}  # fmt: skip


def _payer(sender, config: dict) -> str:
    payer = sender if sender is not None else config.get("master_address")
    if not keys.is_address(payer):
        problem = "must be a 0x-prefixed 20-byte hex address" if sender else "is required"
        raise ValidationFailed(
            {
                "from": _(
                    "%(problem)s: the address that signs the batch and pays its fees",
                    problem=problem,
                )
            }
        )
    return keys.checksum(payer)


def transaction(chain_id: int, payer: str, token: str, calls: list[dict]) -> BatchTransaction:
    """The batch with the payer's next nonce, current fees and a gas limit from estimates."""
    client = chain.client()
    estimates = [("eth_estimateGas", [{"from": payer, "to": c["to"], "data": c["data"]}])
                 for c in calls]  # fmt: skip
    answers = client.batch(
        [("eth_getTransactionCount", [payer, "pending"]), ("eth_gasPrice", []),
         ("eth_maxPriorityFeePerGas", []), *estimates]
    )  # fmt: skip
    nonce, gas_price, priority, *gas = (int(a, 16) for a in answers)
    return BatchTransaction(
        chain_id=chain_id, nonce=nonce, gas_limit=sum(gas) * 11 // 10,
        max_fee_per_gas=2 * gas_price + priority, max_priority_fee_per_gas=priority,
        fee_token=token, calls=tuple(Call(c["to"], c["data"]) for c in calls),
    )  # fmt: skip


def _summary(tx: BatchTransaction, payer: str) -> dict:
    return {
        "from": payer, "chain_id": tx.chain_id, "nonce": tx.nonce, "nonce_key": tx.nonce_key,
        "gas_limit": tx.gas_limit, "max_fee_per_gas": str(tx.max_fee_per_gas),
        "max_priority_fee_per_gas": str(tx.max_priority_fee_per_gas),
        "fee_token": tx.fee_token, "unsigned": "0x" + tx.signing_payload().hex(),
        "signing_hash": "0x" + tx.signing_hash().hex(),
    }  # fmt: skip


def _parse(payees) -> list[dict]:
    if not isinstance(payees, list) or not 0 < len(payees) <= MAX_PAYEES:
        raise ValidationFailed(
            {"payees": _("must be a list of 1 to %(MAX_PAYEES)s payees", MAX_PAYEES=MAX_PAYEES)}
        )
    errors, rows = FieldErrors(), []
    for i, payee in enumerate(payees):
        rows.append(_payee(payee if isinstance(payee, dict) else {}, f"payees[{i}]", errors))
    errors.check()
    return rows


def _payee(data: dict, name: str, errors: FieldErrors) -> dict:
    address, memo, amount = data.get("address"), None, None
    if not keys.is_address(address):
        errors[f"{name}.address"] = _("must be a 0x-prefixed 20-byte hex address")
    try:
        memo = memo_word(data.get("memo"))
    except ValueError:
        errors[f"{name}.memo"] = _("must be text of at most 32 bytes or 0x + 64 hex")
    field = f"{name}.amount"
    value = exact_decimal(
        data.get("amount"), field, errors, _("must be a string"), _("must be a number")
    )
    if value is not None and value <= 0:
        errors[f"{name}.amount"] = _("must be positive")
    elif value is not None:
        try:
            amount = units.to_units(value, settings.TOKEN_DECIMALS)
        except ApiError:
            errors[f"{name}.amount"] = _(
                "has more than %(settings_TOKEN_DECIMALS)s decimals",
                settings_TOKEN_DECIMALS=settings.TOKEN_DECIMALS,
            )
    return {"address": address, "units": amount, "memo": memo}
