"""Watch-only derivation and token units, without a chain or a database."""

from decimal import Decimal

import pytest

from core.api import ApiError
from plugins.wallet import keys, units, virtual
from plugins.wallet.tests.helpers import account_xpub


def test_xpub_derivation_matches_the_anvil_dev_accounts():
    xpub = account_xpub(0)  # m/44'/60'/0' of the public anvil mnemonic
    assert keys.derive(xpub, 0) == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
    assert keys.derive(xpub, 1) == "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
    assert keys.derive(xpub, 9) == "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"


def test_an_xpub_cannot_derive_hardened_or_private_keys():
    from bip32 import BIP32

    account = BIP32.from_xpub(account_xpub(0))
    with pytest.raises(Exception):  # noqa: B017  (bip32 raises its own error types)
        account.get_pubkey_from_path([2**31])
    with pytest.raises(Exception):  # noqa: B017
        account.get_privkey_from_path([0, 0])


def test_units_refuse_more_precision_than_the_token_has():
    assert units.to_units(Decimal("12.5"), 6) == 12_500_000
    assert units.to_units(Decimal("0.000001"), 6) == 1
    with pytest.raises(ApiError) as refused:
        units.to_units(Decimal("0.0000001"), 6)
    assert refused.value.code == "too_precise"
    assert units.convert(Decimal("100.00"), Decimal("0.272294"), 6) == Decimal("27.229400")


def test_virtual_address_layout():
    address = virtual.address("0x2612766c", 1)
    assert address.lower() == "0x2612766c" + "fd" * 10 + "000000000001"
    assert virtual.is_virtual(address) and not virtual.is_virtual(keys.derive(account_xpub(0), 0))


def test_demo_xpub_is_the_documented_development_key():
    from plugins.wallet.demo import DEMO_XPUB

    assert account_xpub(1) == DEMO_XPUB
