"""Tempo type-0x76 transactions: the unsigned batch an external signer signs, and its hash.

Layout (Tempo's transaction type 0x76, as ``pytempo`` encodes it):
``0x76 || rlp([chain_id, max_priority_fee_per_gas, max_fee_per_gas, gas_limit,
[[to, value, input], ...], access_list, nonce_key, nonce, valid_before, valid_after, fee_token,
fee_payer, authorization_list])`` is the sender's signing preimage (``fee_payer`` empty: the
sender pays the fee, in ``fee_token``); its keccak-256 is what the signer signs. The signed
transaction puts the fee payer's signature (empty) in that slot and appends the 65-byte sender
signature ``r || s || v``. Nothing here holds or touches a key.
"""

from __future__ import annotations

from dataclasses import dataclass

import rlp

from plugins.wallet.keys import keccak256

TYPE = 0x76


@dataclass(frozen=True)
class Call:
    to: str
    data: str  # 0x-prefixed calldata
    value: int = 0


@dataclass(frozen=True)
class BatchTransaction:
    chain_id: int
    nonce: int
    gas_limit: int
    max_fee_per_gas: int
    max_priority_fee_per_gas: int
    fee_token: str
    calls: tuple[Call, ...]
    nonce_key: int = 0

    def _head(self) -> list:
        return [
            self.chain_id, self.max_priority_fee_per_gas, self.max_fee_per_gas, self.gas_limit,
            [[_bytes(c.to), c.value, _bytes(c.data)] for c in self.calls], [],
            self.nonce_key, self.nonce, b"", b"", _bytes(self.fee_token),
        ]  # fmt: skip

    def signing_payload(self) -> bytes:
        """The bytes whose keccak-256 the sender signs."""
        return bytes([TYPE]) + rlp.encode([*self._head(), b"", []])

    def signing_hash(self) -> bytes:
        return keccak256(self.signing_payload())

    def signed(self, signature: bytes) -> bytes:
        """The raw transaction for ``eth_sendRawTransaction`` once the signer answered with
        its 65-byte ``r || s || v`` signature of ``signing_hash()``."""
        if len(signature) != 65:
            raise ValueError("a secp256k1 signature is 65 bytes: r || s || v")
        return bytes([TYPE]) + rlp.encode([*self._head(), b"", [], signature])


def _bytes(hex_text: str) -> bytes:
    return bytes.fromhex(hex_text.removeprefix("0x"))
