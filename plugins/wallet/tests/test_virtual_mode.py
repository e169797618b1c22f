"""TIP-1022 virtual addresses end to end: nothing lands on the virtual address, nothing to sweep."""

from plugins.wallet.tests.anvil import ALPHA_USD, word

MASTER_ID = "0x2612766c"


def register_master(anvil, master: str) -> None:
    """What ``registerVirtualMaster`` with a mined 32-bit proof of work leaves in the registry
    (slot 0 mapping masterId -> master), written directly so the test needs no mining."""
    from plugins.wallet.keys import keccak256
    from plugins.wallet.virtual import REGISTRY

    slot = "0x" + keccak256(bytes.fromhex(word(MASTER_ID[2:])) + bytes(32)).hex()
    anvil.rpc("anvil_setStorageAt", REGISTRY, slot, "0x" + word(master))


def test_virtual_address_payment_settles_and_credits_the_master(
    anvil, api, invoice_for, scan, xpub
):
    master = anvil.accounts[4]
    register_master(anvil, master)
    body = {
        "mode": "virtual",
        "master_address": master,
        "master_id": MASTER_ID,
        "chain_id": 31337,
        "token_address": ALPHA_USD,
    }
    assert api.patch("/api/v1/wallet/settings", json=body).status_code == 200
    inv = invoice_for("100.00", currency="USD")
    req = api.post(f"/api/v1/invoices/{inv['id']}/payment-requests").get_json()
    assert req["address"].lower() == MASTER_ID + "fd" * 10 + "000000000000"
    second = invoice_for("10.00", currency="USD")
    other = api.post(f"/api/v1/invoices/{second['id']}/payment-requests").get_json()
    assert other["address"].lower().endswith("000000000001")
    before = anvil.balance(ALPHA_USD, master)

    anvil.pay(ALPHA_USD, req["address"], 105_000_000)
    scan()

    assert anvil.balance(ALPHA_USD, req["address"]) == 0
    assert anvil.balance(ALPHA_USD, master) - before == 105_000_000
    got = api.get(f"/api/v1/wallet/payment-requests/{req['id']}").get_json()
    assert got["status"] == "Settled" and len(got["payments"]) == 1
    assert api.get(f"/api/v1/invoices/{inv['id']}").get_json()["payment_status"] == "paid"
    destroyed = api.post(f"/api/v1/wallet/payment-requests/{req['id']}/destroy").get_json()
    assert destroyed["destroyed"] is True and destroyed["sweep"] is None
