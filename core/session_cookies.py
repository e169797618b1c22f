"""Flask's signed-cookie sessions, the signing serializer made once per set of keys.

Flask builds a new ``URLSafeTimedSerializer`` (with its signer set-up) on every request, when it
opens the session and again when it saves it, even for an API call that sends no cookie
(profiled: as much as the API token's sign-in statement). The cookies are byte for byte the
same: only the object is kept, per ``SECRET_KEY`` and ``SECRET_KEY_FALLBACKS``.
"""

from __future__ import annotations

from flask.sessions import SecureCookieSessionInterface


class SessionCookies(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._made: dict[tuple, object] = {}

    def get_signing_serializer(self, app):
        if not app.secret_key:
            return None
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        made = self._made.get(keys)
        if made is None:
            made = self._made[keys] = super().get_signing_serializer(app)
        return made
