"""Tenant rules for ORM INSERT/UPDATE statements: a company user writes only its own company_id.

Objects added to the session are checked before flush (core.tenancy). Statements such as
``insert(Model).values(...)``, ``session.execute(insert(Model), rows)`` and
``update(Model).values(...)`` never reach the flush, so their values are checked here, in the
``do_orm_execute`` hook, before any SQL is sent.

SQLAlchemy 2.1 has no public accessor for the VALUES / SET of a statement (compiling it would
lose which column an expression belongs to), so ``_statement_rows`` reads ``_values`` and
``_multi_values``; it is the only place that touches private attributes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import func, select, tuple_
from sqlalchemy.sql.elements import BindParameter, ClauseElement

COLUMN = "company_id"


def guard_company_dml(state, company_id: int, refuse) -> None:
    """Refuse a write naming another company; give a bulk INSERT the scope's company."""
    statement = state.statement
    if state.is_insert and statement.select is not None:
        # INSERT ... SELECT takes company_id from rows we cannot see before they are written.
        raise refuse("INSERT ... SELECT into a company table is not allowed here")
    params = state.parameters
    rows = _statement_rows(statement)
    if state.is_insert or isinstance(params, list):
        rows += _param_rows(params)
    named = [_value(row[COLUMN], params) for row in rows if COLUMN in row]
    for value in named:
        if not _same_company(value, company_id):
            raise refuse("record belongs to another company")
    if state.is_insert:
        _fill_company(state, company_id)
    elif isinstance(params, list):
        _check_rows_are_visible(state, params, refuse)


def _check_rows_are_visible(state, rows: list, refuse) -> None:
    """ORM bulk UPDATE by primary key ignores loader criteria, so look its rows up first.

    The look-up is an ordinary scoped SELECT: another company's rows are invisible to it.
    """
    mapper = state.bind_mapper
    keys = [mapper.get_property_by_column(c).key for c in mapper.primary_key]
    wanted = {tuple(row.get(k) for k in keys) for row in rows}
    columns = [getattr(mapper.class_, k) for k in keys]
    found = state.session.scalar(
        select(func.count()).select_from(mapper.class_).where(tuple_(*columns).in_(wanted))
    )
    if found != len(wanted):
        raise refuse("record belongs to another company")


def _statement_rows(statement) -> list[dict]:
    """The VALUES / SET of the statement, one dict per row, keyed by attribute name."""
    rows = [_by_name(statement._values)] if statement._values else []
    for multi in statement._multi_values:
        for row in multi:
            if isinstance(row, Mapping):
                rows.append(_by_name(row))
            else:  # positional: in table column order
                rows.append({c.key: v for c, v in zip(statement.table.columns, row, strict=False)})
    return rows


def _param_rows(params) -> list[dict]:
    if isinstance(params, Mapping):
        return [dict(params)] if params else []
    if isinstance(params, Sequence):
        return [dict(row) for row in params if isinstance(row, Mapping)]
    return []


def _by_name(values: Mapping) -> dict:
    return {(k if isinstance(k, str) else getattr(k, "key", None)): v for k, v in values.items()}


def _value(value, params):
    """A bound parameter's value (from the execute() parameters when it has a name there)."""
    if not isinstance(value, BindParameter):
        return value
    if isinstance(params, Mapping) and value.key in params:
        return params[value.key]
    return value.effective_value


def _same_company(value, company_id: int) -> bool:
    if isinstance(value, ClauseElement):
        return False  # an SQL expression could name any company; refuse rather than guess
    try:
        return int(value) == company_id
    except (TypeError, ValueError):
        return False


def _fill_company(state, company_id: int) -> None:
    """Rows that name no company belong to the caller's, as objects added without one do."""
    statement, params = state.statement, state.parameters
    if any(COLUMN in row for row in _statement_rows(statement)):
        return
    if isinstance(params, list) and params:
        state.parameters = [{COLUMN: company_id, **row} for row in params]
    elif isinstance(params, Mapping) and params:
        state.parameters = {COLUMN: company_id, **params}
    elif not statement._multi_values:
        state.statement = statement.values({COLUMN: company_id})
