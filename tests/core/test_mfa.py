"""TOTP enrolment with a QR code, backup codes, and the second step at sign-in."""

from __future__ import annotations

import re
import threading
import time
from urllib.parse import parse_qs, unquote, urlsplit

import pyotp
import pytest

from tests.support.fixtures import csrf_token


@pytest.fixture
def user(make_company, make_user):
    return make_user(company=make_company())


def post(client, path, page="/account/mfa", **data):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, page)})


def start_enrolment(client) -> str:
    """Press "Set up", read the key from the page, check the QR code is there."""
    assert post(client, "/account/mfa/start").status_code == 302
    html = client.get("/account/mfa").get_data(as_text=True)
    assert "<svg" in html and "Authenticator QR code" in html
    uri = re.search(r'href="(otpauth://[^"]+)"', html).group(1).replace("&amp;", "&")
    parts = urlsplit(uri)
    assert parts.netloc == "totp" and unquote(parts.path) == "/Ledgerline:admin@acme.ae"
    query = parse_qs(parts.query)
    assert query["issuer"] == ["Ledgerline"]
    return query["secret"][0]


def enrol(client) -> tuple[str, list[str]]:
    secret = start_enrolment(client)
    resp = post(client, "/account/mfa/confirm", code=pyotp.TOTP(secret).now())
    assert resp.status_code == 200
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", resp.get_data(as_text=True))
    return secret, codes


def next_code(secret: str) -> str:
    """The code of the next time-step (accepted for clock drift): one not used yet."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def sign_out(client):
    assert post(client, "/logout", page="/").status_code == 302


def password_step(client, query=""):
    token = csrf_token(client)
    data = {"email": "admin@acme.ae", "password": "correct horse", "csrf_token": token}
    return client.post(f"/login{query}", data=data)


def code_step(client, code):
    return post(client, "/login/mfa", page="/login/mfa", code=code)


def test_enrolment_needs_a_right_code_before_mfa_is_on(client, user, login):
    login()
    page = client.get("/account/mfa").get_data(as_text=True)
    assert "Set up an authenticator app" in page
    secret = start_enrolment(client)
    resp = post(client, "/account/mfa/confirm", code="000000")
    assert resp.status_code == 400 and "does not match" in resp.get_data(as_text=True)
    assert user.mfa_enabled is False
    assert post(client, "/account/mfa/confirm", code=pyotp.TOTP(secret).now()).status_code == 200
    assert user.mfa_enabled is True


def test_backup_codes_are_shown_once_and_stored_hashed(app, client, user, login):
    from sqlalchemy import select

    from core.db import db
    from core.models import MfaBackupCode

    login()
    secret = start_enrolment(client)
    resp = post(client, "/account/mfa/confirm", code=pyotp.TOTP(secret).now())
    html = resp.get_data(as_text=True)
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", html)
    assert len(set(codes)) == 10
    assert "shown only now" in html and resp.headers["Cache-Control"] == "no-store"
    later = client.get("/account/mfa").get_data(as_text=True)
    assert not any(code in later for code in codes)
    assert "10 backup codes left" in later
    hashes = db.session.scalars(select(MfaBackupCode.code_hash)).all()
    assert len(hashes) == 10 and all(h.startswith("$argon2id$") for h in hashes)
    stored = " ".join(hashes)
    assert not any(c in stored or c.replace("-", "") in stored for c in codes)


def test_secret_is_encrypted_at_rest(app, client, user, login):
    from cryptography.fernet import Fernet
    from sqlalchemy import text

    from core.db import db

    login()
    secret, _ = enrol(client)
    raw = db.session.execute(text("SELECT mfa_secret_encrypted FROM core_user")).scalar_one()
    raw = bytes(raw)
    assert secret.encode() not in raw
    assert Fernet(app.config["MFA_ENCRYPTION_KEY"]).decrypt(raw) == secret.encode()


def test_sign_in_with_mfa_needs_the_code_step(client, user, login):
    login()
    secret, _ = enrol(client)
    sign_out(client)
    resp = password_step(client, "?next=/apps")
    assert resp.status_code == 302 and resp.headers["Location"] == "/login/mfa"
    assert client.get("/").status_code == 302  # the password alone opens nothing
    page = client.get("/login/mfa")
    assert page.status_code == 200 and "authenticator app" in page.get_data(as_text=True)
    resp = code_step(client, "123456")
    assert resp.status_code == 400 and "not valid" in resp.get_data(as_text=True)
    assert client.get("/").status_code == 302
    resp = code_step(client, next_code(secret))
    assert resp.status_code == 302 and resp.headers["Location"] == "/apps"
    assert client.get("/").status_code == 200


def test_a_backup_code_signs_in_once(client, user, login):
    login()
    _, codes = enrol(client)
    sign_out(client)
    password_step(client)
    assert code_step(client, codes[3].upper().replace("-", " ")).status_code == 302
    assert client.get("/").status_code == 200
    assert "9 backup codes left" in client.get("/account").get_data(as_text=True)
    sign_out(client)
    password_step(client)
    resp = code_step(client, codes[3])
    assert resp.status_code == 400
    assert client.get("/").status_code == 302


def test_code_step_without_a_password_step_goes_back_to_login(client, user, login):
    assert client.get("/login/mfa").headers["Location"] == "/login"
    login()
    enrol(client)
    sign_out(client)
    password_step(client)
    with client.session_transaction() as session:
        session["mfa_pending"] = {**session["mfa_pending"], "until": 0}  # time is up
    resp = client.get("/login/mfa")
    assert resp.status_code == 302 and resp.headers["Location"] == "/login"


def test_turning_mfa_off_needs_a_current_code(client, user, login):
    from sqlalchemy import func, select

    from core.db import db
    from core.models import MfaBackupCode

    login()
    secret, _ = enrol(client)
    resp = post(client, "/account/mfa/disable", code="999999")
    assert resp.status_code == 400 and user.mfa_enabled is True
    resp = post(client, "/account/mfa/disable", code=next_code(secret))
    assert resp.status_code == 302
    db.session.refresh(user)
    assert user.mfa_enabled is False and user.mfa_secret_encrypted is None
    assert db.session.scalar(select(func.count()).select_from(MfaBackupCode)) == 0
    sign_out(client)
    assert password_step(client).headers["Location"] == "/"


def test_new_backup_codes_replace_the_old_ones(client, user, login):
    login()
    secret, old = enrol(client)
    resp = post(client, "/account/mfa/backup-codes", code=next_code(secret))
    new = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", resp.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    sign_out(client)
    password_step(client)
    assert code_step(client, old[0]).status_code == 400
    assert code_step(client, new[0]).status_code == 302


@pytest.fixture
def app_config(app_config):
    return {**app_config, "LOGIN_RATE_LIMIT": "5 per minute"}


def test_code_guessing_is_rate_limited_with_the_password_step(client, user, login):
    login()  # 1
    enrol(client)
    sign_out(client)
    password_step(client)  # 2
    for _ in range(3):  # 3, 4, 5
        assert code_step(client, "000000").status_code == 400
    resp = code_step(client, "000000")
    assert resp.status_code == 429
    assert "Too many sign-in attempts" in resp.get_data(as_text=True)


def test_a_totp_code_works_only_once(client, user, login):
    login()
    secret, _ = enrol(client)
    sign_out(client)
    password_step(client)
    code = next_code(secret)
    assert code_step(client, code).status_code == 302
    sign_out(client)
    password_step(client)
    resp = code_step(client, code)  # replayed within its validity window
    assert resp.status_code == 400 and "not valid" in resp.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_the_code_that_confirmed_enrolment_cannot_sign_in(client, user, login):
    login()
    secret = start_enrolment(client)
    code = pyotp.TOTP(secret).now()
    assert post(client, "/account/mfa/confirm", code=code).status_code == 200
    sign_out(client)
    password_step(client)
    assert code_step(client, code).status_code == 400
    assert client.get("/").status_code == 302


def test_two_concurrent_uses_of_one_code_let_only_one_in(app, user):
    from core.auth import mfa
    from core.db import db
    from core.models import User

    mfa.begin_enrolment(user)
    user.mfa_enabled = True
    secret, uid = mfa.secret_of(user), user.id
    db.session.commit()
    db.session.remove()
    code, start, results = next_code(secret), threading.Barrier(2), []

    def verify():
        with app.app_context():
            start.wait(10)
            accepted = mfa.verify_second_factor(db.session.get(User, uid), code)
            db.session.commit()
            results.append(accepted)

    threads = [threading.Thread(target=verify) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results) == [False, True]
