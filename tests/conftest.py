"""Shared fixtures. ``LEDGERLINE_TEST_DB=postgresql`` runs the same tests on PostgreSQL.

Each test gets a fresh database cloned from a template built once by the real migrations
(``flask db upgrade heads``), so the schema under test is the one users deploy.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest

from tests.support.servers import PostgresServer

BACKEND = os.environ.get("LEDGERLINE_TEST_DB", "sqlite")
_counter = itertools.count()


def pytest_report_header(config):
    return f"ledgerline database backend: {BACKEND}"


@pytest.fixture(scope="session")
def postgres():
    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def db_template(request, tmp_path_factory):
    """Build the schema once with migrations; return a factory of fresh database URLs."""
    from flask_migrate import upgrade

    from core import create_app

    if BACKEND == "postgresql":
        pg = request.getfixturevalue("postgres")
        pg.admin("CREATE DATABASE ll_template")
        url = pg.url("ll_template")
    else:
        path = tmp_path_factory.mktemp("db") / "template.sqlite"
        url = f"sqlite:///{path}"
    app = create_app(_base_config(url, tmp_path_factory.mktemp("inst")))
    with app.app_context():
        upgrade(revision="heads")
        app.extensions["sqlalchemy"].engine.dispose()

    def fresh() -> str:
        n = next(_counter)
        if BACKEND == "postgresql":
            pg.admin(f"CREATE DATABASE ll_test_{n} TEMPLATE ll_template")
            return pg.url(f"ll_test_{n}")
        target = path.with_name(f"test_{n}.sqlite")
        shutil.copy(path, target)
        return f"sqlite:///{target}"

    return fresh


def _base_config(url: str, instance: Path) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret",
        "MFA_ENCRYPTION_KEY": "x2hL1nm0lq3U9FvDg5tJ4m1s1vS3f6z3Qd7m0f0Ww1s=",
        "WTF_CSRF_ENABLED": True,
        "JOBS_BACKEND": "immediate",
        "RATELIMIT_ENABLED": True,
        # Still Argon2id, at a cost that lets hundreds of tests sign in (the default costs
        # ~0.5 s per hash on a busy 2-core machine); tests/core/test_password_cost.py covers
        # the production default and the upgrade on sign-in.
        "PASSWORD_HASH_PARAMS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1},
        "INSTANCE_PATH": str(instance),
    }


@pytest.fixture
def db_url(db_template):
    return db_template()


@pytest.fixture
def app_config(db_url, tmp_path):
    """Override in a test module to change settings before the app is built."""
    return _base_config(db_url, tmp_path)


@pytest.fixture
def app(app_config):
    from core import create_app

    app = create_app(app_config)
    with app.app_context():
        yield app
        app.extensions["sqlalchemy"].session.remove()
        app.extensions["sqlalchemy"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


from tests.support.fixtures import *  # noqa: E402,F403
