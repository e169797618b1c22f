"""Who is acting and what they may touch: the helpers every plugin's pages and API views share.

They raise core's error kinds, which core's one handler answers as a JSON error object under
``/api`` and as the error page elsewhere, so the same helper serves a page and an API view:

- ``company_id()``: the acting account's company (403 ``forbidden`` when it belongs to none);
- ``user_id()``: the acting user's id (None for system code);
- ``may(permission)``: the actor's role holds ``permission`` and, when the permission writes
  (``Permission(write=True)``, the default), the actor may write at all (not a read-only token,
  not SUPER_ADMIN);
- ``require(permission)``: ``may`` or 403 ``forbidden``;
- ``get_or_404(Model, id, "label")``: the row of the actor's company or 404 ``not_found``.
"""

from __future__ import annotations

import re

from flask import current_app
from flask_babel import gettext as _

from core.errors import ApiError, NotFound
from core.inputs import MAX_ID
from core.requestctx import current_actor
from core.tenancy import get_scoped


def company_id() -> int:
    """The acting account's company; 403 when there is none (SUPER_ADMIN, system)."""
    actor = current_actor()
    if actor is None or actor.company_id is None:
        raise ApiError(403, "forbidden", _("This account belongs to no company."))
    return actor.company_id


def user_id() -> int | None:
    actor = current_actor()
    return actor.user_id if actor is not None else None


def may(permission: str) -> bool:
    """The actor holds ``permission``; a writing permission also needs a writable actor."""
    actor = current_actor()
    if actor is None or not actor.can(permission):
        return False
    return not _writes(permission) or actor.can_write


def require(permission: str) -> None:
    """``may(permission)`` or 403 ``forbidden``."""
    if not may(permission):
        raise ApiError(403, "forbidden", _("Your role cannot do this."), {"permission": permission})


def get_or_404(model, ident, label: str | None = None):
    """The ``model`` row ``ident`` of the actor's company, or 404 ``not_found``.

    Another company's row looks exactly like a missing one: the lookup goes through the
    tenant filter (``get_scoped``), even for a row already in the session. ``label`` names the
    record in the message (default: the model's class name in words, ``CreditNote`` -> "credit
    note"); an id outside the primary-key range is simply not found.
    """
    row = get_scoped(model, ident) if _in_range(ident) else None
    if row is None:
        raise not_found(model, ident, label)
    return row


def not_found(model, ident, label: str | None = None) -> NotFound:
    """The 404 ``not_found`` for ``model``'s row ``ident`` ("No credit note with id 7.")."""
    name = label or _words(model.__name__)
    return NotFound(
        "not_found", _("No %(name)s with id %(ident)s.", name=name, ident=ident), {"id": ident}
    )


def _in_range(ident) -> bool:
    return not isinstance(ident, int) or 0 < ident <= MAX_ID


def _words(class_name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", class_name).lower()


def _writes(permission: str) -> bool:
    """Whether the declared permission writes; an undeclared name counts as writing."""
    declared = current_app.extensions.get("ledgerline.permissions", ())
    return next((p.write for p in declared if p.name == permission), True)
