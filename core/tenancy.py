"""Tenant scoping in one place: every ORM query of a TenantMixin model is filtered here.

The scope lives in a context variable set per request (and per Socket.IO event) from the
actor. ``None`` means unscoped system code (CLI, jobs that set their own scope); inside a
request the default is ``DENY`` until an actor is identified, so a forgotten login check
shows nothing rather than everything.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import event, false, select
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column, with_loader_criteria
from sqlalchemy.sql.schema import ForeignKey


class TenantMixin:
    """Mix into every business model: adds ``company_id`` and tenant scoping."""

    @declared_attr
    def company_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(ForeignKey("core_company.id"), index=True, nullable=False)


@dataclass(frozen=True)
class Scope:
    company_id: int | None = None
    all_companies: bool = False  # SUPER_ADMIN: read everything, write nothing
    deny: bool = False


DENY = Scope(deny=True)
_scope: contextvars.ContextVar[Scope | None] = contextvars.ContextVar("tenant", default=None)


class TenantWriteRefused(PermissionError):
    """A write outside the caller's company, or by a read-only actor."""


def current_scope() -> Scope | None:
    return _scope.get()


def set_scope(scope: Scope | None) -> contextvars.Token:
    return _scope.set(scope)


def reset_scope(token: contextvars.Token) -> None:
    _scope.reset(token)


@contextmanager
def scoped(scope: Scope | None):
    token = _scope.set(scope)
    try:
        yield
    finally:
        _scope.reset(token)


def scope_for(actor) -> Scope:
    if actor is None:
        return DENY
    if actor.is_super_admin:
        return Scope(all_companies=True)
    if actor.company_id is None:
        return DENY
    return Scope(company_id=actor.company_id)


def _criteria(scope: Scope):
    if scope.deny:
        return lambda cls: false()
    cid = scope.company_id
    return lambda cls: cls.company_id == cid


@event.listens_for(Session, "do_orm_execute")
def _filter_queries(state) -> None:
    scope = _scope.get()
    if scope is not None and (scope.all_companies or scope.deny):
        _refuse_bulk_writes(state)
    elif scope is not None and _is_tenant_write(state):
        from core.tenant_dml import guard_company_dml

        guard_company_dml(state, scope.company_id, TenantWriteRefused)
    if state.is_column_load or state.is_relationship_load:
        return
    if state.is_select or state.is_update or state.is_delete:
        state.statement = scope_statement(state.statement)


def scope_statement(stmt):
    """``stmt`` narrowed to the current scope's company, as the session narrows every ORM
    statement: for a SELECT of columns run on a Connection (plain rows without the ORM's
    per-row work, e.g. a streamed export), which the session's hook never sees."""
    scope = _scope.get()
    if scope is None or scope.all_companies:
        return stmt
    return stmt.options(with_loader_criteria(TenantMixin, _criteria(scope), include_aliases=True))


def _is_tenant_write(state) -> bool:
    mapper = state.bind_mapper
    return (
        (state.is_insert or state.is_update)
        and mapper is not None
        and issubclass(mapper.class_, TenantMixin)
    )


def _refuse_bulk_writes(state) -> None:
    """A read-only scope's ORM ``update()``/``delete()``/``insert()`` never reach flush."""
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    mapper = state.bind_mapper
    if mapper is not None and issubclass(mapper.class_, TenantMixin):
        raise TenantWriteRefused(_("this account is read-only"))


@event.listens_for(Session, "before_flush")
def _guard_writes(session, flush_context, instances) -> None:
    scope = _scope.get()
    if scope is None:
        return
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, TenantMixin):
            _check_write(scope, obj)


def get_scoped(model, ident):
    """``session.get`` that honours the tenant scope.

    ``Session.get`` answers from the identity map without a query when the object is already
    loaded (say, by system code earlier in the request), which skips the filter above; a
    SELECT always goes through it, and still returns the identity-mapped object.
    """
    from core.db import db

    (pk,) = model.__mapper__.primary_key
    return db.session.scalars(select(model).where(pk == ident)).one_or_none()


def _check_write(scope: Scope, obj) -> None:
    if scope.all_companies or scope.deny:
        raise TenantWriteRefused(_("this account is read-only"))
    if obj.company_id is None:
        obj.company_id = scope.company_id
    elif obj.company_id != scope.company_id:
        raise TenantWriteRefused(_("record belongs to another company"))
