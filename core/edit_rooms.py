"""Edit rooms: who else has a record's edit page open, and the news that someone saved it.

Every versioned record (``core.versioning.Versioned``) has an edit room
``edit.<table>:<id>`` (``edit.invoicing_customer:12``). An edit page joins it with presence
(``templates/core/_edit_watch.html``: "also editing"), and each user's save of the record
(``bump_version``) sends ``record_saved`` {kind, id, version, by_user_id, by} there after
commit, so every other open editor says at once that its form is now behind.

Who may join: a page that edits a kind of record registers it with ``editable(model,
permission)``; the room is then open to actors holding that permission and seeing the record
in their own company (the same answer for "does not exist" and "not yours").
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import has_app_context

EVENT = "record_saved"
PREFIX = "edit."


@dataclass(frozen=True)
class Editable:
    model: type
    permission: str


_EDITABLE: dict[str, Editable] = {}


def kind_of(model_or_record) -> str:
    model = model_or_record if isinstance(model_or_record, type) else type(model_or_record)
    return model.__tablename__


def editable(model, permission: str) -> None:
    """Open ``model``'s edit rooms to actors holding ``permission`` (an edit page's writers)."""
    _EDITABLE[kind_of(model)] = Editable(model, permission)


def room_of(record) -> str:
    return f"{PREFIX}{kind_of(record)}:{record.id}"


def may_join(actor, kind: str, record_id) -> bool:
    """``kind`` is the room's kind without ``edit.``."""
    found = _EDITABLE.get(kind)
    if found is None or actor is None or not actor.can(found.permission):
        return False
    if not isinstance(record_id, int):
        return False
    from core.tenancy import get_scoped

    record = get_scoped(found.model, record_id)
    if record is None:
        return False
    return actor.company_id is not None and _company_of(record) == actor.company_id


def _company_of(record):
    from core.models import Company

    return record.id if isinstance(record, Company) else getattr(record, "company_id", None)


def saved(record) -> None:
    """Announce a user's save of ``record`` to its edit room, once the transaction commits."""
    if not has_app_context():
        return
    from core.events import on_commit
    from core.realtime import send_now
    from core.requestctx import current_actor

    actor = current_actor()
    room = room_of(record)
    kind = kind_of(record)

    def send():
        data = {"kind": kind, "id": record_id, "version": version}
        if actor is not None:
            data |= {"by_user_id": actor.user_id, "by": actor.display_name}
        send_now(EVENT, data, room)

    # Read now: after commit the record's attributes are expired (a new query per read).
    record_id, version = record.id, record.version
    if record_id is None:  # a new record: nobody can be editing it yet
        return
    on_commit(send)


def init_app(app) -> None:
    app.jinja_env.globals["edit_room"] = room_of
    app.jinja_env.globals["edit_kind"] = kind_of
