"""Sign-in pages: password, then (for MFA users) a second factor; sign-out."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from core.auth import mfa, sessions, throttle
from core.auth.forms import CodeForm, LoginForm
from core.auth.passwords import hash_password, needs_rehash, verify_password
from core.auth.redirects import safe_next
from core.db import db
from core.extensions import limiter
from core.models import User
from core.templating import render
from core.timeutil import utcnow

bp = Blueprint("core_auth", __name__)

# Verifying against a real hash when the e-mail is unknown keeps response times alike.
_DUMMY_HASH = hash_password("not-a-real-password")

TOO_MANY = "Too many sign-in attempts from your address. Wait a minute, then try again."
ACCOUNT_LOCKED = _l(
    "Too many failed sign-ins for this account. Wait %(minutes)s minutes, then try again, "
    "or ask your company admin."
)
DEACTIVATED = _l("This account is deactivated. Ask your company admin to reactivate it.")
ACCOUNT_LIMIT = "LOGIN_ACCOUNT_LIMIT"
CHALLENGE_LIMIT = "LOGIN_MFA_CHALLENGE_LIMIT"


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


# One budget for both steps, so the code step cannot be guessed at a separate rate.
login_limit = limiter.shared_limit(
    _login_limit, scope="login", methods=["POST"], error_message=TOO_MANY
)


@bp.route("/login", methods=["GET", "POST"])
@login_limit
def login():
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        account = throttle.account_key(email)
        if throttle.blocked(account, ACCOUNT_LIMIT):
            return _account_locked(form)
        user = db.session.scalar(select(User).where(User.email == email))
        ok = verify_password(user.password_hash if user else _DUMMY_HASH, form.password.data)
        if user is not None and ok and not user.active:
            # Only someone who knows the password learns that the account exists.
            form.email.errors.append(DEACTIVATED)
        elif user is not None and ok:
            # The account's failure count is cleared only once the whole sign-in succeeds:
            # the password alone must not buy an attacker fresh MFA guesses.
            return _after_password(user, form.password.data)
        else:
            throttle.fail(account, ACCOUNT_LIMIT)
            form.password.errors.append(_("E-mail or password is not correct."))
    return render("auth/login.html", form=form, status=400 if form.errors else 200)


def _locked_message() -> str:
    return str(ACCOUNT_LOCKED) % {"minutes": max(1, throttle.retry_after(ACCOUNT_LIMIT) // 60)}


def _account_locked(form):
    form.form_errors.append(_locked_message())
    response = render("auth/login.html", form=form, status=429)
    response.headers["Retry-After"] = str(throttle.retry_after(ACCOUNT_LIMIT))
    return response


def _after_password(user: User, password: str):
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    nxt = safe_next(request.args.get("next"))
    if user.mfa_enabled:
        return mfa.start_challenge(user, nxt)
    return complete_login(user, nxt)


@bp.route("/login/mfa", methods=["GET", "POST"])
@login_limit
def login_mfa():
    user = mfa.pending_user()
    if user is None:
        flash(_("Your sign-in timed out. Please sign in again."), "info")
        return redirect(url_for("core_auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        account = throttle.account_key(user.email)
        if throttle.blocked(account, ACCOUNT_LIMIT):
            mfa.drop_challenge()
            flash(_locked_message(), "error")
            return redirect(url_for("core_auth.login"))
        if throttle.blocked(throttle.challenge_key(mfa.challenge_id()), CHALLENGE_LIMIT):
            return _challenge_used_up()
        if mfa.verify_second_factor(user, form.code.data):
            return complete_login(user, mfa.finish_challenge())
        db.session.rollback()
        return _wrong_code(form, user)
    return render("auth/mfa.html", form=form, status=400 if form.errors else 200)


def _wrong_code(form, user: User):
    """Each challenge has a few tries; then the password must be given again."""
    challenge = throttle.challenge_key(mfa.challenge_id())
    throttle.fail(challenge, CHALLENGE_LIMIT)
    throttle.fail(throttle.account_key(user.email), ACCOUNT_LIMIT)
    if throttle.blocked(challenge, CHALLENGE_LIMIT):
        return _challenge_used_up()
    form.code.errors.append(_("That code is not valid. Try again."))
    return render("auth/mfa.html", form=form, status=400)


def _challenge_used_up():
    mfa.drop_challenge()
    flash(_("Too many wrong codes. Sign in again with your password."), "error")
    return redirect(url_for("core_auth.login"))


def complete_login(user: User, nxt: str):
    throttle.clear(throttle.account_key(user.email))
    user.last_login_at = utcnow()
    db.session.commit()
    session.pop(mfa.CHALLENGE_KEY, None)
    login_user(user)
    return redirect(nxt)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    # Every session of the user ends, not just this cookie: a copy of it (another tab's
    # stolen cookie, a shared computer) must not keep working for the rest of its lifetime.
    sessions.end_all(current_user._get_current_object())
    db.session.commit()
    logout_user()
    session.clear()  # nothing of the old sign-in survives, pending MFA included
    flash(_("You are signed out."), "info")
    return redirect(url_for("core_auth.login"))
