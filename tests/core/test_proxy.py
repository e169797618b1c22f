"""Behind nginx (LEDGERLINE_PROXY_HOPS=1): the sign-in limit counts the client's own address,
and, with its storage in Redis, counts it across every app process. Without PROXY_HOPS a
client cannot dodge the limit by sending its own X-Forwarded-For."""

from __future__ import annotations

import pytest

from tests.support.fixtures import csrf_token
from tests.support.servers import RedisServer


@pytest.fixture
def redis():
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture
def user(make_company, make_user):
    return make_user(company=make_company())


def attempt(client, forwarded_for: str) -> int:
    token = csrf_token(client)
    data = {"email": "admin@acme.ae", "password": "wrong", "csrf_token": token}
    headers = {"X-Forwarded-For": forwarded_for}
    return client.post("/login", data=data, headers=headers).status_code


def build(app_config, **settings):
    from core import create_app

    return create_app({**app_config, "LOGIN_RATE_LIMIT": "2 per minute", **settings})


def test_behind_a_proxy_each_client_address_has_its_own_budget(app_config, user):
    app = build(app_config, PROXY_HOPS=1)
    client = app.test_client()
    assert [attempt(client, "203.0.113.7") for _ in range(3)] == [400, 400, 429]
    assert attempt(client, "198.51.100.4") == 400  # another user behind the same proxy


def test_without_proxy_hops_a_forged_forwarded_address_changes_nothing(app_config, user):
    client = build(app_config).test_client()
    codes = [attempt(client, f"203.0.113.{n}") for n in range(3)]
    assert codes == [400, 400, 429]


def test_with_redis_storage_the_budget_is_shared_by_every_process(app_config, user, redis):
    settings = {"PROXY_HOPS": 1, "RATELIMIT_STORAGE_URI": redis.url}
    first, second = build(app_config, **settings), build(app_config, **settings)
    codes = [attempt(app.test_client(), "203.0.113.9") for app in (first, second, first)]
    assert codes == [400, 400, 429]
