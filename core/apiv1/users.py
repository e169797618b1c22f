"""/api/v1/users: the company's users; a company admin deactivates or reactivates them."""

from __future__ import annotations

from core.apiv1 import bp
from core.apiv1.docs import NO_BODY, describe
from core.apiv1.guard import require_permission
from core.auth import user_admin
from core.errors import ApiError
from core.requestctx import current_actor

USER = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "email": {"type": "string"},
        "full_name": {"type": ["string", "null"]},
        "role": {"type": "string"},
        "active": {"type": "boolean"},
        "mfa_enabled": {"type": "boolean"},
        "last_login_at": {"type": ["string", "null"], "format": "date-time"},
    },
    "required": ["id", "email", "role", "active"],
}
USERS = {"type": "object", "properties": {"data": {"type": "array", "items": USER}}}


@bp.get("/users")
@require_permission(user_admin.MANAGE)
@describe(response=USERS, tags=("core",))
def users_list():
    """The users of the caller's company."""
    return {"data": [user_admin.as_dict(u) for u in user_admin.colleagues(current_actor())]}


@bp.post("/users/<int:user_id>/deactivate")
@require_permission(user_admin.MANAGE)
@describe(request=NO_BODY, body_required=False, response=USER, tags=("core",))
def user_deactivate(user_id: int):
    """Deactivate a user of the company: their sessions, API tokens and sockets end at once."""
    return _set(user_id, False)


@bp.post("/users/<int:user_id>/reactivate")
@require_permission(user_admin.MANAGE)
@describe(request=NO_BODY, body_required=False, response=USER, tags=("core",))
def user_reactivate(user_id: int):
    """Let a deactivated user of the company sign in again (revoked tokens stay revoked)."""
    return _set(user_id, True)


def _set(user_id: int, active: bool):
    try:
        user = user_admin.set_active(current_actor(), user_id, active)
    except user_admin.Refused as exc:
        raise ApiError(exc.status, exc.code, exc.message, {"user_id": user_id}) from exc
    return user_admin.as_dict(user)
