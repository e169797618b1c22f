"""``flask --app wsgi`` commands, run through Flask's CLI runner against the real database."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from core.db import db
from core.models import ApiToken, Company, User


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner(mix_stderr=False) if _mix_stderr_supported() else None
    runner = runner or app.test_cli_runner()

    def run(*args, input=None):
        result = runner.invoke(args=list(args), input=input)
        # Bad input must end in a message, never in a traceback.
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result

    return run


def _mix_stderr_supported() -> bool:
    import inspect

    from click.testing import CliRunner

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


def last_line(result) -> str:
    return result.stdout.strip().splitlines()[-1]


def make_company(cli) -> int:
    result = cli("companies", "create", "--name", "Acme Trading LLC", "--trn", "100123456700003")
    assert result.exit_code == 0, result.output
    return int(last_line(result))


def test_companies_create_prints_the_id_last(cli):
    result = cli("companies", "create", "--name", "Acme Trading LLC", "--trn", "100-1234-5670-0003")
    assert result.exit_code == 0, result.output
    company = db.session.get(Company, int(last_line(result)))
    assert (company.name, company.trn, company.country) == (
        "Acme Trading LLC",
        "100123456700003",
        "AE",
    )
    listing = cli("companies", "list")
    assert "100123456700003" in listing.output and "Acme Trading LLC" in listing.output


def test_companies_create_refuses_an_invalid_trn(cli):
    result = cli("companies", "create", "--name", "Acme", "--trn", "12345")
    assert result.exit_code == 1
    assert "A UAE TRN has 15 digits and starts with 1." in result.output
    assert db.session.scalar(select(func.count()).select_from(Company)) == 0


def test_users_create_from_stdin_can_log_in(cli, login):
    cid = make_company(cli)
    result = cli(
        "users", "create", "Finance@Acme.ae", "--company-id", str(cid),
        "--role", "finance_user", "--password-stdin", input="s3cret pass\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    user = db.session.get(User, int(last_line(result)))
    assert (user.email, user.role, user.company_id) == ("finance@acme.ae", "FINANCE_USER", cid)
    assert login("finance@acme.ae", "s3cret pass").get("/").status_code == 200


def test_users_create_prompts_twice_without_stdin(cli):
    cid = make_company(cli)
    result = cli(
        "users", "create", "admin@acme.ae", "--company-id", str(cid), "--role", "company_admin",
        input="pw-one\npw-one\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output
    assert "pw-one" not in result.output  # the password is never echoed


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (["dup@acme.ae", "--role", "finance_user"], "pw\n", "already exists"),
        (["new@acme.ae", "--role", "finance_user", "--company-id", "999"], "pw\n", "no company"),
        (["new@acme.ae", "--role", "finance_user"], "\n", "the password is empty"),
        (["not-an-email", "--role", "finance_user"], "pw\n", "not a valid e-mail address"),
        (["new@acme.ae", "--role", "boss"], "pw\n", "'boss' is not one of"),
    ],
)
def test_users_create_refuses_bad_input(cli, args, stdin, message):
    cid = make_company(cli)
    first = cli("users", "create", "dup@acme.ae", "--company-id", str(cid), "--role",
                "finance_user", "--password-stdin", input="pw\n")  # fmt: skip
    assert first.exit_code == 0
    if "--company-id" not in args:
        args = [*args, "--company-id", str(cid)]
    result = cli("users", "create", *args, "--password-stdin", input=stdin)
    assert result.exit_code != 0
    assert message in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_super_admin_needs_no_company(cli):
    result = cli("users", "create", "root@ledgerline.local", "--role", "super_admin",
                 "--password-stdin", input="pw\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert db.session.get(User, int(last_line(result))).company_id is None


def test_token_created_on_the_cli_works_until_revoked(cli, client):
    cid = make_company(cli)
    cli("users", "create", "admin@acme.ae", "--company-id", str(cid), "--role", "company_admin",
        "--password-stdin", input="pw\n")  # fmt: skip
    result = cli("tokens", "create", "admin@acme.ae", "--scopes", "read,write", "--name", "ci")
    assert result.exit_code == 0, result.output
    secret = last_line(result)
    assert " " not in secret
    auth = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/plugins", headers=auth).status_code == 200

    token_id = db.session.scalar(select(ApiToken.id))
    listing = cli("tokens", "list", "admin@acme.ae")
    assert secret[:12] in listing.output and secret not in listing.output
    assert cli("tokens", "revoke", str(token_id)).exit_code == 0
    assert client.get("/api/v1/plugins", headers=auth).status_code == 401
    again = cli("tokens", "revoke", str(token_id))
    assert again.exit_code == 1 and "already revoked" in again.output


def test_tokens_create_refuses_unknown_user_and_scope(cli):
    assert "no user with e-mail" in cli("tokens", "create", "ghost@acme.ae").output
    cid = make_company(cli)
    cli("users", "create", "admin@acme.ae", "--company-id", str(cid), "--role", "company_admin",
        "--password-stdin", input="pw\n")  # fmt: skip
    bad = cli("tokens", "create", "admin@acme.ae", "--scopes", "admin")
    assert bad.exit_code == 1 and "unknown scope(s): admin" in bad.output


def test_plugins_list_names_each_installed_plugin(cli, app):
    result = cli("plugins", "list")
    assert result.exit_code == 0
    for name in app.extensions["ledgerline.plugins"].installed:
        assert name in result.output


class SeedRecorder:
    def __init__(self):
        self.companies = []

    from core.hookimpl import hookimpl

    @hookimpl
    def seed_demo(self, company):
        self.companies.append(company.name)


def test_demo_seeds_companies_and_users_once(cli, app, client, login):
    recorder = SeedRecorder()
    app.extensions["ledgerline.plugins"].pm.register(recorder, name="recorder")
    first = cli("demo")
    assert first.exit_code == 0, first.output
    assert "ledgerline-demo" in first.output
    acme = db.session.scalar(select(Company).where(Company.name == "Acme Trading LLC"))
    assert (acme.trn, acme.country, acme.city, acme.peppol_id) == (
        "100123456700003",
        "AE",
        "Dubai",
        "0235:1001234567",
    )
    roles = dict(db.session.execute(select(User.email, User.role)).all())
    assert roles["admin@acme.ae"] == "COMPANY_ADMIN"
    assert roles["finance@acme.ae"] == "FINANCE_USER"
    assert roles["root@ledgerline.local"] == "SUPER_ADMIN"
    globex = db.session.scalar(select(Company).where(Company.name == "Globex FZE"))
    assert db.session.scalar(select(User).where(User.company_id == globex.id)) is not None
    assert sorted(recorder.companies) == ["Acme Trading LLC", "Globex FZE"]

    before = _snapshot()
    second = cli("demo")
    assert second.exit_code == 0
    assert "nothing changed" in second.output
    assert _snapshot() == before
    assert login("admin@acme.ae", "ledgerline-demo").get("/apps").status_code == 200


def _snapshot():
    users = db.session.execute(select(User.id, User.email, User.password_hash)).all()
    companies = db.session.execute(select(Company.id, Company.name, Company.trn)).all()
    return sorted(users), sorted(companies)


def test_verify_passes_on_a_migrated_database(cli):
    result = cli("verify")
    assert result.exit_code == 0, result.output
    for check in ("database reachable", "all migrations applied", "secrets present",
                  "plugin list consistent", "browser assets built"):  # fmt: skip
        assert f"OK   {check}" in result.output


def test_verify_fails_when_migrations_are_missing(cli):
    db.session.execute(text("DELETE FROM alembic_version"))
    db.session.commit()
    result = cli("verify")
    assert result.exit_code == 1
    assert "FAIL all migrations applied: not applied: " in result.output
    assert "0001_core" in result.output
    assert "OK   database reachable" in result.output
