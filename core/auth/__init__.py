"""Authentication: Flask-Login sessions, MFA, API tokens, rate-limited login."""

from __future__ import annotations

from core.db import db
from core.extensions import csrf, limiter, login_manager
from core.models import User


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "core_auth.login"
    login_manager.login_message_category = "info"
    # A session cookie replayed from another browser (IP + user agent) is dropped.
    login_manager.session_protection = "strong"
    csrf.init_app(app)
    limiter.init_app(app)

    from core.auth.account import bp as account_bp
    from core.auth.views import bp

    app.register_blueprint(bp)
    app.register_blueprint(account_bp)


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.active else None
