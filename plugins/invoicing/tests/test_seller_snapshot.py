"""A finalized document keeps the seller it was sealed with: editing the company profile later
changes neither its UBL nor its hash, and the hash (payload v3) covers the seller snapshot.
Documents sealed before the snapshot existed keep verifying after the migration."""

from __future__ import annotations

from lxml import etree
from sqlalchemy import text

from core.api import db
from plugins.invoicing import chain
from plugins.invoicing.models import Invoice
from plugins.invoicing.tests.helpers import draft_payload

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NS = {"cac": CAC, "cbc": CBC}
MOVED = {"address_line1": "Tower 9, Floor 40", "city": "Abu Dhabi", "subdivision": "AE-AZ"}


def _finalized(api, customer_id) -> dict:
    made = api.post("/api/v1/invoices", json=draft_payload(customer_id)).get_json()
    done = api.post(f"/api/v1/invoices/{made['id']}/finalize")
    assert done.status_code == 200, done.get_json()
    return done.get_json()


def _seller(xml: bytes, path: str) -> str | None:
    party = etree.fromstring(xml).find("cac:AccountingSupplierParty/cac:Party", NS)
    node = party.find(path, NS)
    return None if node is None else node.text


def _ubl(api, invoice_id: int) -> bytes:
    resp = api.get(f"/api/v1/invoices/{invoice_id}/ubl?profile=pint-ae")
    assert resp.status_code == 200
    return resp.data


def test_editing_the_company_address_changes_neither_ubl_nor_hash(api, customer):
    inv = _finalized(api, customer.id)
    before = _ubl(api, inv["id"])
    old_city = _seller(before, "cac:PostalAddress/cbc:CityName")
    assert old_city and old_city != MOVED["city"]

    assert api.patch("/api/v1/company", json=MOVED).status_code == 200

    after = _ubl(api, inv["id"])
    assert after == before
    verified = api.get(f"/api/v1/invoices/{inv['id']}/verify").get_json()
    assert verified["ok"] is True and verified["hash"]["stored"] == inv["hash"]
    assert api.get("/api/v1/chain/verify").get_json()["ok"] is True
    # Documents finalized from now on carry the new address.
    fresh = _ubl(api, _finalized(api, customer.id)["id"])
    assert _seller(fresh, "cac:PostalAddress/cbc:CityName") == MOVED["city"]
    assert _seller(fresh, "cac:PostalAddress/cbc:StreetName") == MOVED["address_line1"]


def test_the_hash_covers_the_seller_snapshot_and_its_version(api, customer):
    inv = db.session.get(Invoice, _finalized(api, customer.id)["id"])
    assert inv.hash_version == 3 and inv.seller_name
    assert chain.compute_hash(inv) == inv.hash
    for column, value in (("seller_city", "Elsewhere"), ("seller_iban", None), ("hash_version", 2)):
        saved = getattr(inv, column)
        setattr(inv, column, value)
        assert chain.compute_hash(inv) != inv.hash, column
        setattr(inv, column, saved)
    db.session.rollback()


def _as_sealed_before_the_snapshot(invoice_id: int) -> str:
    """Turn a finalized document into one sealed by the previous release: v2 hash, no
    hash_version, re-signed; the chain head follows. Returns its v2 hash."""
    from plugins.invoicing import signing
    from plugins.invoicing.models import SigningKey

    inv = db.session.get(Invoice, invoice_id)
    with db.session.no_autoflush:
        inv.hash_version = None
        v2_hash = chain.compute_hash(inv)
        key = db.session.get(SigningKey, inv.signing_key_id)
    signature = signing.sign(key, signing.message(v2_hash, inv.xml_hash))
    company_id = inv.company_id
    db.session.rollback()
    dialect = db.session.get_bind().dialect.name
    trigger = None
    if dialect == "postgresql":
        db.session.execute(text("ALTER TABLE invoicing_invoice DISABLE TRIGGER USER"))
    else:
        trigger = db.session.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'invoicing_invoice_frozen'")
        ).scalar_one()
        db.session.execute(text("DROP TRIGGER invoicing_invoice_frozen"))
    db.session.execute(
        text(
            "UPDATE invoicing_invoice SET hash = :h, signature = :s, hash_version = NULL "
            "WHERE id = :id"
        ),
        {"h": v2_hash, "s": signature, "id": invoice_id},
    )
    if dialect == "postgresql":
        db.session.execute(text("ALTER TABLE invoicing_invoice ENABLE TRIGGER USER"))
    else:
        db.session.execute(text(trigger))
    db.session.execute(
        text("UPDATE invoicing_chain_head SET last_hash = :h WHERE company_id = :c"),
        {"h": v2_hash, "c": company_id},
    )
    db.session.commit()
    return v2_hash


def test_documents_sealed_before_the_snapshot_verify_after_the_migration(app, api, customer):
    from flask_migrate import downgrade, upgrade

    inv = _finalized(api, customer.id)
    v2_hash = _as_sealed_before_the_snapshot(inv["id"])
    assert api.get("/api/v1/chain/verify").get_json()["ok"] is True

    db.session.remove()
    downgrade(revision="0005_invoicing_subdivision")  # the release before the snapshot
    upgrade(revision="heads")  # backfills the seller from the company as it is

    row = db.session.get(Invoice, inv["id"])
    assert row.hash_version is None and row.hash == v2_hash
    assert row.seller_name == "Acme Trading LLC" and row.seller_trn
    verified = api.get(f"/api/v1/invoices/{inv['id']}/verify").get_json()
    assert verified["ok"] is True, verified
    assert api.get("/api/v1/chain/verify").get_json()["ok"] is True
    # And from now on its UBL no longer follows the company profile either.
    before = _ubl(api, inv["id"])
    assert api.patch("/api/v1/company", json=MOVED).status_code == 200
    assert _ubl(api, inv["id"]) == before
    # New documents chain on after it with the v3 payload.
    fresh = _finalized(api, customer.id)
    assert db.session.get(Invoice, fresh["id"]).hash_version == 3
    assert api.get("/api/v1/chain/verify").get_json()["ok"] is True
