"""Run in a fresh process (entry points are read when the app starts): use a scaffolded
plugin as a user would, and print what happened as JSON for tests/core/test_scaffold.py.

Usage: python probe_scaffolded.py NAME  (DATABASE_URL and PYTHONPATH set by the caller)
"""

import json
import re
import sys

from core import create_app
from core.auth.passwords import hash_password
from core.db import db
from core.models import Company, User


def main(name: str) -> dict:
    app = create_app({"TESTING": True, "SECRET_KEY": "probe", "JOBS_BACKEND": "immediate"})
    with app.app_context():
        company = Company(name="Probe Co", trn="100000000000003", country="AE")
        db.session.add(company)
        db.session.flush()
        db.session.add(
            User(
                email="probe@probe.ae",
                password_hash=hash_password("probe password"),
                role="COMPANY_ADMIN",
                company_id=company.id,
            )
        )
        db.session.commit()
        client = app.test_client()
        client.post(
            "/login",
            data={
                "email": "probe@probe.ae",
                "password": "probe password",
                "csrf_token": csrf(client, "/login"),
            },
        )
        apps = client.get("/apps").get_data(as_text=True)
        row = apps[apps.index(f'id="app-{name}"') :]
        row = row[: row.index("</tr>")]
        token = csrf(client, f"/{name}/")
        added = client.post(
            f"/{name}/",
            data={"text": "hello from the probe", "csrf_token": token},
            headers={"HX-Request": "true"},
        )
        page = client.get(f"/{name}/")
        sio = app.extensions["socketio"].test_client(app, flask_test_client=client)
        ack = sio.emit(f"{name}_ping", {"message": "marco"}, callback=True)
        received = sio.get_received()
        return {
            "apps_row": row,
            "page_status": page.status_code,
            "page_html": page.get_data(as_text=True),
            "htmx_post_status": added.status_code,
            "htmx_post_html": added.get_data(as_text=True),
            "ack": ack,
            "received": [{"name": m["name"], "args": m["args"]} for m in received],
        }


def csrf(client, path: str) -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
