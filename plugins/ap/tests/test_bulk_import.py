"""A ZIP of e-invoices imports as a job with a per-file report; refused files stay out."""

import io
import json
import zipfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "einvoice"


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


FILES = {
    "good/base-example.xml": (SHARED / "examples/peppol-bis-3.0.19/base-example.xml").read_bytes(),
    "good/pint.xml": (
        SHARED / "examples/pint-ae/pint-ae-2025.11_Standard-tax-invoice.xml"
    ).read_bytes(),
    "bad/totals.xml": (SHARED / "tests/broken/totals-payable-wrong.xml").read_bytes(),
    "readme.txt": b"not an invoice",
}


def _every_broken() -> dict[str, tuple[bytes, list[str]]]:
    """{folder/name: (bytes, the rule ids it must fail on)} of each broken official copy."""
    return {
        f"{folder.name}/{name}": ((folder / name).read_bytes(), expected["expect_fatal"])
        for folder in sorted(SHARED.glob("tests/broken*"))
        for name, expected in json.loads((folder / "EXPECTED.json").read_text()).items()
    }


def test_zip_through_the_api_reports_every_file(api):
    """Besides FILES, every deliberately broken official copy: each refused naming its rules."""
    broken = _every_broken()
    resp = api.client.post(
        "/api/v1/bills/import-zip?filename=batch.zip",
        data=_zip({**FILES, **{name: xml for name, (xml, _) in broken.items()}}),
        headers={"Authorization": f"Bearer {api.token}", "Content-Type": "application/zip"},
    )
    assert resp.status_code == 202, resp.get_json()
    job = api.get(f"/api/v1/jobs/{resp.get_json()['job_id']}").get_json()
    assert job["status"] == "completed", job
    assert (job["total"], job["succeeded"], job["failed"]) == (4 + 25, 2, 2 + 25)
    files = {f["name"]: f for f in job["result"]["files"]}
    assert files["good/base-example.xml"]["status"] == "imported"
    assert files["bad/totals.xml"]["status"] == "refused"
    assert "BR-CO-16" in files["bad/totals.xml"]["rules"]
    for name, (_, rules) in broken.items():
        assert files[name]["status"] == "refused" and set(rules) <= set(files[name]["rules"])
        assert files[name]["message"], name
    assert files["readme.txt"]["message"] == "not an .xml file"
    assert api.get("/api/v1/bills").get_json()["pagination"]["total"] == 2


def test_zip_upload_on_the_page(api, login):
    from tests.support.fixtures import csrf_token

    client = login()
    token = csrf_token(client, "/ap/import")
    resp = client.post(
        "/ap/import",
        data={"csrf_token": token, "file": (io.BytesIO(_zip(FILES)), "batch.zip")},
        content_type="multipart/form-data",
    )
    assert resp.status_code == 302 and "/jobs/" in resp.headers["Location"]
    assert api.get("/api/v1/bills").get_json()["pagination"]["total"] == 2


def test_single_xml_upload_shows_the_refusal_with_rules(api, login):
    from tests.support.fixtures import csrf_token

    client = login()
    token = csrf_token(client, "/ap/import")
    resp = client.post(
        "/ap/import",
        data={"csrf_token": token, "file": (io.BytesIO(FILES["bad/totals.xml"]), "t.xml")},
        content_type="multipart/form-data",
    )
    assert resp.status_code == 422
    assert "BR-CO-16" in resp.get_data(as_text=True)
    for name, (xml, rules) in _every_broken().items():  # each shown with the rules it breaks
        page = client.post(
            "/ap/import",
            data={"csrf_token": token, "file": (io.BytesIO(xml), name)},
            content_type="multipart/form-data",
        )
        text = page.get_data(as_text=True)
        assert page.status_code == 422 and 'id="import-refused"' in text, name
        assert all(f"<code>{rule}</code>" in text for rule in rules), name
    good = client.post(
        "/ap/import",
        data={"csrf_token": token, "file": (io.BytesIO(FILES["good/pint.xml"]), "p.xml")},
        content_type="multipart/form-data",
    )
    assert good.status_code == 302 and "/ap/bills/" in good.headers["Location"]
    page = client.get(good.headers["Location"]).get_data(as_text=True)
    assert "Addressed to another buyer" in page and "original e-invoice (XML)" in page
