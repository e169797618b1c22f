"""Configuration: defaults, then the instance folder's config.py, then LEDGERLINE_* env vars."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from core import exactjson

DEFAULTS = {
    "PLUGINS": "all",
    # JSON columns may hold values decoded from a request body, whose fractional numbers are
    # Decimals (core.inputs.parse_json): written and read back digit for digit.
    "SQLALCHEMY_ENGINE_OPTIONS": {
        "pool_pre_ping": True,
        "json_serializer": exactjson.dumps,
        "json_deserializer": exactjson.loads,
    },
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": 8 * 3600,
    "WTF_CSRF_TIME_LIMIT": None,
    "WTF_CSRF_HEADERS": ["X-CSRFToken", "X-CSRF-Token"],
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    "LOGIN_RATE_LIMIT": "10 per minute",  # per address, Flask-Limiter's storage
    "LOGIN_ACCOUNT_LIMIT": "10 per 15 minutes",  # failed sign-ins per account (database)
    "LOGIN_MFA_CHALLENGE_LIMIT": "5 per 5 minutes",  # wrong codes per MFA challenge (database)
    "SOCKETIO_MESSAGE_QUEUE": None,
    "SOCKETIO_ASYNC_MODE": "threading",  # "gevent" under gunicorn -k gevent (README)
    "SOCKETIO_TRANSPORTS": None,  # None: websocket and polling; ["polling"] to forbid websocket
    "JOBS_BACKEND": "sqlite",  # sqlite | redis | immediate
    "JOBS_REDIS_URL": None,
    "JOBS_STALE_MINUTES": 15,  # a running job without a heartbeat this long has lost its worker
    "IDEMPOTENCY_TTL_HOURS": 24,
    "API_PAGE_LIMIT_MAX": 200,
    "API_JSON_MAX_BYTES": 10 * 1024 * 1024,  # a larger JSON body is a 413 (files have their own)
    "PROXY_HOPS": 0,  # proxies in front that set X-Forwarded-For/-Proto (core/proxy.py)
    "MFA_ISSUER": "Ledgerline",
}


def load(app, test_config: dict | None) -> None:
    app.config.update(DEFAULTS)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("LEDGERLINE")
    else:
        app.config.from_prefixed_env("LEDGERLINE")
        app.config.update(test_config)
    _database(app)
    _secrets(app)
    if app.config.get("ENV_PRODUCTION") or os.environ.get("LEDGERLINE_PRODUCTION"):
        app.config["PRODUCTION"] = True  # HTTPS only: secure cookies, HSTS
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True


def _database(app) -> None:
    url = app.config.get("SQLALCHEMY_DATABASE_URI") or os.environ.get("DATABASE_URL")
    if not url:
        url = "sqlite:///" + str(Path(app.instance_path) / "ledgerline.sqlite")
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if url.startswith("sqlite"):
        opts = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        opts.setdefault("connect_args", {"timeout": 30})
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = opts


def _secrets(app) -> None:
    """Local secrets live in the instance folder, created once with owner-only permissions."""
    for name, make in (("SECRET_KEY", secrets.token_hex), ("MFA_ENCRYPTION_KEY", _fernet_key)):
        if app.config.get(name):
            continue
        path = Path(app.instance_path) / f"{name.lower()}.txt"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(make(32) if name == "SECRET_KEY" else make())
            path.chmod(0o600)
        app.config[name] = path.read_text().strip()


def _fernet_key(*_):
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()
