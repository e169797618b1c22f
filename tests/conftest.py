"""Shared fixtures. ``LEDGERLINE_TEST_DB=postgresql`` runs the same tests on PostgreSQL.

Each test gets a fresh database cloned from a template built once by the real migrations
(``flask db upgrade heads``), so the schema under test is the one users deploy.

Under pytest-xdist every worker is its own process with its own temp dir, PostgreSQL cluster
(free port) and template. The plugin test folders re-export these fixtures from their own
conftest files, which makes pytest keep one instance per folder: the expensive parts (the
cluster, the migrated template) are therefore shared per process through ``_shared``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import appcache, signing_pool
from tests.support.databases import PostgresClones, SqliteClones
from tests.support.servers import PostgresServer

BACKEND = os.environ.get("LEDGERLINE_TEST_DB", "sqlite")
_shared: dict[str, list] = {}  # name -> [object, users]
appcache.reuse_url_builders()
appcache.reuse_rule_parts()
appcache.reuse_discovery()


def pytest_report_header(config):
    return f"ledgerline database backend: {BACKEND}"


def _acquire(name: str, make):
    if name not in _shared:
        _shared[name] = [make(), 0]
    _shared[name][1] += 1
    return _shared[name][0]


def _release(name: str, close) -> None:
    _shared[name][1] -= 1
    if _shared[name][1] == 0:
        close(_shared.pop(name)[0])


@pytest.fixture(scope="session")
def postgres():
    yield _acquire("postgres", PostgresServer)
    _release("postgres", PostgresServer.stop)


@pytest.fixture(scope="session")
def db_template(request, tmp_path_factory):
    """Build the schema once with migrations; return a factory of fresh database URLs."""
    pg = request.getfixturevalue("postgres") if BACKEND == "postgresql" else None
    clones = _acquire("template", lambda: _build_template(pg, tmp_path_factory))
    yield clones.fresh
    _release("template", type(clones).close)


def _build_template(pg, tmp_path_factory):
    from flask_migrate import upgrade

    from core import create_app

    if pg is not None:
        pg.admin("CREATE DATABASE ll_template")
        url = pg.url("ll_template")
    else:
        path = tmp_path_factory.mktemp("db") / "template.sqlite"
        url = f"sqlite:///{path}"
    app = create_app(_base_config(url, tmp_path_factory.mktemp("inst")))
    with app.app_context():
        upgrade(revision="heads")
        app.extensions["sqlalchemy"].engine.dispose()
    return PostgresClones(pg, "ll_template") if pg is not None else SqliteClones(path)


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
    url = db_template()
    yield url
    _shared["template"][0].release(url)


@pytest.fixture
def app_config(db_url, tmp_path):
    """Override in a test module to change settings before the app is built."""
    return _base_config(db_url, tmp_path)


@pytest.fixture
def app(app_config, tmp_path_factory):
    from core import create_app

    signing_pool.use_pool()
    app = appcache.build(create_app, app_config, tmp_path_factory)
    with app.app_context():
        yield app
        app.extensions["sqlalchemy"].session.remove()
        app.extensions["sqlalchemy"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


from tests.support.fixtures import *  # noqa: E402,F403
from tests.support.scaffolded import *  # noqa: E402,F403
