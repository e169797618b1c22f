"""One set of party fields for the company, customers and vendors (core.party.PartyMixin):
one name and one size each; ``emirate`` stays readable and writable through the API as a
deprecated alias of a UAE address's ``subdivision``."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from core.db import db
from plugins.invoicing.tests.helpers import draft_payload

PARTY_FIELDS = {"name", "trn", "email", "phone", "address_line1", "address_line2", "city",
                "postal_code", "country", "subdivision", "peppol_id", "legal_id",
                "legal_id_type", "legal_id_authority"}  # fmt: skip


def test_company_customer_and_vendor_share_one_size_for_each_party_field(app):
    from core.models import Company
    from plugins.ap.models.vendor import Vendor
    from plugins.invoicing.models import Customer

    def sizes(model):
        return {c.name: getattr(c.type, "length", None) for c in model.__table__.columns}

    company = sizes(Company)
    for model in (Customer, Vendor):
        assert {f: sizes(model)[f] for f in PARTY_FIELDS} == {f: company[f] for f in PARTY_FIELDS}
        assert "emirate" not in sizes(model)
    assert (company["trn"], company["peppol_id"], company["subdivision"]) == (32, 80, 6)


@pytest.mark.parametrize("path", ["/api/v1/customers", "/api/v1/vendors"])
def test_subdivision_is_the_emirate_and_emirate_a_deprecated_alias(api, path):
    uae = api.post(path, json={"name": "Oasis", "country": "AE", "subdivision": "AE-SH"})
    assert uae.status_code == 201, uae.get_json()
    assert (uae.get_json()["subdivision"], uae.get_json()["emirate"]) == ("AE-SH", "AE-SH")
    old = api.post(path, json={"name": "Old client", "country": "AE", "emirate": "ae-du"})
    assert (old.get_json()["subdivision"], old.get_json()["emirate"]) == ("AE-DU", "AE-DU")
    abroad = api.post(path, json={"name": "Bruxelles", "country": "BE",
                                         "subdivision": "BE-BRU"})  # fmt: skip
    assert (abroad.get_json()["subdivision"], abroad.get_json()["emirate"]) == ("BE-BRU", None)
    wrong = api.post(path, json={"name": "X", "country": "AE", "subdivision": "BE-BRU"})
    assert wrong.status_code == 422
    assert "its emirate" in wrong.get_json()["error"]["details"]["fields"]["subdivision"]


def test_the_openapi_document_marks_emirate_deprecated(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    schemas = [
        s for s in spec["components"]["schemas"].values() if "emirate" in s.get("properties", {})
    ]
    bodies = [
        op["requestBody"].get("content", {}).get("application/json", {}).get("schema", {})
        for item in spec["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "requestBody" in op
    ]
    found = schemas + [b for b in bodies if "emirate" in b.get("properties", {})]
    assert found and all(s["properties"]["emirate"].get("deprecated") for s in found)


def _sizes(table: str) -> dict:
    """Each party column's declared length as the database reports it."""
    found = db.inspect(db.session.connection()).get_columns(table)
    return {
        c["name"]: getattr(c["type"], "length", None) for c in found if c["name"] in PARTY_FIELDS
    }


def test_the_migrated_tables_have_the_party_sizes_on_every_database(app):
    """The schema the migrations build (SQLite or PostgreSQL) declares the sizes of
    core.party.PartyMixin: trn 32, peppol_id 80, subdivision 6, ..."""
    from core.models import Company

    want = {c.name: getattr(c.type, "length", None) for c in Company.__table__.columns
            if c.name in PARTY_FIELDS}  # fmt: skip
    assert want["trn"] == 32
    for table in ("core_company", "invoicing_customer", "ap_vendor"):
        assert _sizes(table) == want, table


@pytest.mark.parametrize(
    ("model_path", "table", "before"),
    [
        ("plugins.invoicing.models:Customer", "invoicing_customer", "0009_invoicing_lists"),
        ("plugins.ap.models.vendor:Vendor", "ap_vendor", "0003_ap"),
    ],
)
def test_the_migration_moves_each_emirate_into_subdivision(app, make_company, model_path,
                                                           table, before):  # fmt: skip
    from flask_migrate import downgrade, upgrade

    company_id = make_company().id
    db.session.commit()
    db.session.close()  # the migration runs on a connection of its own
    downgrade(revision=before)
    rows = {"uae": ("AE", None, "AE-AZ"), "abroad": ("BE", "BE-BRU", None)}
    extra = ", created_by_import" if table == "ap_vendor" else ""
    insert = text(
        f"INSERT INTO {table} (company_id, name, country, subdivision, emirate, vat_ids, "  # noqa: S608
        f"payment_terms_days, created_at{extra}) VALUES (:c, :n, :country, :sub, :em, '[]', 30, "
        f"CURRENT_TIMESTAMP{', false' if extra else ''})"
    )
    for name, (country, subdivision, emirate) in rows.items():
        values = {"country": country, "sub": subdivision, "em": emirate}
        db.session.execute(insert, {"c": company_id, "n": name, **values})
    db.session.commit()
    db.session.close()
    upgrade(revision="heads")
    found = dict(db.session.execute(text(f"SELECT name, subdivision FROM {table}")).all())  # noqa: S608
    assert found == {"uae": "AE-AZ", "abroad": "BE-BRU"}
    columns = {c["name"] for c in db.inspect(db.session.connection()).get_columns(table)}
    assert "emirate" not in columns and "subdivision" in columns


def _schema_objects() -> set:
    """Every index and trigger of the database, as created."""
    if db.engine.dialect.name == "sqlite":
        rows = db.session.execute(text(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND sql IS NOT NULL"
        ))  # fmt: skip
        return {tuple(r) for r in rows}
    rows = db.session.execute(text(
        "SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
        "UNION SELECT 'trigger', tgname, pg_get_triggerdef(oid) FROM pg_trigger "
        "WHERE NOT tgisinternal"
    ))  # fmt: skip
    return {tuple(r) for r in rows}


def test_party_revisions_round_trip_keeps_rows_indexes_and_triggers(api):
    """Down past the party revisions and up again with a customer, its invoice, and a vendor
    in place: the rows and what refers to them survive, and every index and trigger (the
    invoice search's included) is as the fresh schema had it."""
    from flask_migrate import downgrade, upgrade

    customer = api.post("/api/v1/customers", json={"name": "Oasis", "trn": "100200300400003"})
    invoice = api.post("/api/v1/invoices", json=draft_payload(customer.get_json()["id"]))
    assert invoice.status_code == 201, invoice.get_json()
    vendor = api.post("/api/v1/vendors", json={"name": "Supplies", "country": "AE",
                                               "subdivision": "AE-SH"})  # fmt: skip
    assert vendor.status_code == 201, vendor.get_json()
    before = _schema_objects()
    db.session.close()
    downgrade(revision="0009_invoicing_lists")
    downgrade(revision="0003_ap")
    upgrade(revision="heads")
    assert _schema_objects() == before
    read = api.get(f"/api/v1/invoices/{invoice.get_json()['id']}").get_json()
    assert read["customer_id"] == customer.get_json()["id"]
    assert (
        api.get(f"/api/v1/vendors/{vendor.get_json()['id']}").get_json()["subdivision"] == "AE-SH"
    )
    found = api.get("/api/v1/invoices?q=Oasis").get_json()["data"]
    assert [i["id"] for i in found] == [invoice.get_json()["id"]]
