"""Test support for plugin authors, exported by ``core.api`` (the scaffold's tests use it).

``app_for_tests(tmp_path)`` builds a real app on a fresh SQLite database through every enabled
plugin's migrations; ``user_for_tests`` adds a company and a signed-in-able user; ``sign_in``
logs a test client in through the real login form (CSRF included).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from core.db import db

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@contextmanager
def app_for_tests(tmp_path: Path, **config) -> Iterator[Flask]:
    """An app (inside its app context) on ``tmp_path/test.sqlite``, migrated to every head."""
    from flask_migrate import upgrade

    from core import create_app

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp_path) / 'test.sqlite'}",
            "INSTANCE_PATH": str(tmp_path),
            "SECRET_KEY": "test",
            "JOBS_BACKEND": "immediate",
            **config,
        }
    )
    with app.app_context():
        upgrade(revision="heads")
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def user_for_tests(email: str, password: str, role: str = "FINANCE_USER"):
    """A new company ("Test Co", UAE) and its user with ``role``; committed, returns the user."""
    from core.auth.passwords import hash_password
    from core.models import Company, User

    company = Company(name="Test Co", trn="100000000000003", country="AE")
    db.session.add(company)
    db.session.flush()
    user = User(
        email=email, password_hash=hash_password(password), role=role, company_id=company.id
    )
    db.session.add(user)
    db.session.commit()
    return user


def csrf_token(client: FlaskClient, path: str) -> str:
    """The CSRF token of the form on the page at ``path``."""
    return CSRF_FIELD.search(client.get(path).get_data(as_text=True)).group(1)


def sign_in(client: FlaskClient, email: str, password: str) -> FlaskClient:
    """Log ``client`` in through /login; fails loudly when the credentials are refused."""
    data = {"email": email, "password": password, "csrf_token": csrf_token(client, "/login")}
    resp = client.post("/login", data=data)
    assert resp.status_code == 302, f"sign-in as {email} refused ({resp.status_code})"
    return client
