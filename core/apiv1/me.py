"""GET /api/v1/me: who the API thinks you are, so an integrator can check a token."""

from __future__ import annotations

from core.apiv1 import bp
from core.apiv1.docs import describe
from core.apiv1.schemas import ME
from core.requestctx import current_actor


@bp.get("/me")
@describe(response=ME, tags=("core",))
def me():
    """The calling user or token: role, company, scopes and permissions."""
    actor = current_actor()
    return {
        "user_id": actor.user_id,
        "email": actor.email,
        "role": actor.role,
        "company_id": actor.company_id,
        "via": actor.via,
        "token_id": actor.token_id,
        "scopes": sorted(actor.scopes),
        "can_write": actor.can_write,
        "permissions": sorted(actor.permissions),
    }
