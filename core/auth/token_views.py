"""/account/tokens: create API tokens (secret shown once), list them, revoke them."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core.auth import tokens
from core.auth.account import bp, no_store
from core.auth.forms import ActionForm, TokenForm
from core.db import db
from core.requestctx import current_actor
from core.templating import render

MANAGE = "core.tokens.manage"


def _allowed_user():
    actor = current_actor()
    if actor is None or not actor.can(MANAGE):
        abort(403, _("Your role cannot create API tokens."))
    return current_user._get_current_object()


def _page(form, secret=None, status=200):
    rows = tokens.tokens_of(current_user._get_current_object())
    page = render(
        "account/tokens.html",
        form=form,
        tokens=rows,
        secret=secret,
        action=ActionForm(),
        status=status,
    )
    return no_store(page)


@bp.route("/tokens")
@login_required
def tokens_page():
    _allowed_user()
    return _page(TokenForm())


@bp.route("/tokens", methods=["POST"])
@login_required
def token_create():
    user = _allowed_user()
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    _, secret = tokens.create_token(user, form.scopes.data, form.name.data.strip())
    db.session.commit()
    return _page(TokenForm(formdata=None), secret=secret, status=201)


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def token_revoke(token_id: int):
    token = tokens.token_of(_allowed_user(), token_id)
    if token is None:
        abort(404)
    if token.revoked_at is None:
        tokens.revoke(token)
        db.session.commit()
    flash(_("Token “%(name)s” is revoked.", name=token.name or token.prefix), "info")
    return redirect(url_for("core_account.tokens_page"))
