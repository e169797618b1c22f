"""Argon2 cost: production keeps argon2-cffi's defaults, a cheaper configured cost stays Argon2id,
and a sign-in upgrades a hash made with other settings to the configured ones."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, extract_parameters

from tests.support.fixtures import csrf_token


def _params(stored_hash: str):
    return extract_parameters(stored_hash)


def test_without_a_setting_passwords_use_the_library_default_cost(app):
    from core.auth.passwords import hash_password

    app.config["PASSWORD_HASH_PARAMS"] = None
    made = _params(hash_password("correct horse"))
    default = PasswordHasher()
    assert made.type.name == "ID"
    assert (made.time_cost, made.memory_cost, made.parallelism) == (
        default.time_cost,
        default.memory_cost,
        default.parallelism,
    )


def test_a_configured_cost_is_used_and_is_still_argon2id(app):
    from core.auth.passwords import hash_password, needs_rehash, verify_password

    app.config["PASSWORD_HASH_PARAMS"] = {"time_cost": 2, "memory_cost": 2048, "parallelism": 1}
    stored = hash_password("correct horse")
    made = _params(stored)
    assert made.type.name == "ID"
    assert (made.time_cost, made.memory_cost, made.parallelism) == (2, 2048, 1)
    assert verify_password(stored, "correct horse")
    assert not verify_password(stored, "wrong horse")
    assert not needs_rehash(stored)


def test_an_unknown_cost_setting_is_a_clear_error(app):
    from core.auth.passwords import hash_password

    app.config["PASSWORD_HASH_PARAMS"] = {"time_cots": 1}
    with pytest.raises(ValueError, match="PASSWORD_HASH_PARAMS.*time_cots"):
        hash_password("correct horse")


def test_sign_in_upgrades_a_hash_made_with_other_settings(app, client, make_company, make_user):
    from core.db import db

    user = make_user(company=make_company())
    old = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1).hash("correct horse")
    user.password_hash = old
    db.session.commit()

    resp = client.post(
        "/login",
        data={
            "email": "admin@acme.ae",
            "password": "correct horse",
            "csrf_token": csrf_token(client),
        },
    )
    assert resp.status_code == 302
    db.session.refresh(user)
    configured = app.config["PASSWORD_HASH_PARAMS"]
    upgraded = _params(user.password_hash)
    assert user.password_hash != old
    assert (upgraded.time_cost, upgraded.memory_cost) == (
        configured["time_cost"],
        configured["memory_cost"],
    )
