"""The page, export and bulk endpoints of a declared list (``core.listing.spec.ListSpec``).

``mount_list(bp, "/customers", SPEC)`` adds three routes to a blueprint: the page
(``SPEC.endpoint``), ``<endpoint>_export`` (``.csv`` / ``.xlsx`` of every row of the current
filter, in the page's order, read 1,000 at a time by keyset and streamed) and
``<endpoint>_bulk`` (one action on the ticked rows; "export" is always offered).
"""

from __future__ import annotations

from flask import request
from flask_login import login_required

from core.access import may, require
from core.errors import DomainError
from core.inputs import query_int
from core.listing.bulk import run_bulk
from core.listing.counting import exact_count
from core.listing.export import csv_response, xlsx_response
from core.listing.page import batches, fetch
from core.templating import is_htmx, render

MAX_PAGE_SIZE = 200
COUNT_CAP = 1_000  # counted directly up to here; beyond, core's cached count


def load(spec):
    """The page the query string asks for: ``(page, count)``."""
    sort = spec.sorting.parse(request.args.get("sort"))
    limit = query_int("limit", spec.page_size, 1, MAX_PAGE_SIZE)
    offset = query_int("offset", 0, 0, None)
    query = spec.filtered(request.args)
    page = fetch(
        query,
        sort,
        limit,
        position=offset,
        after=request.args.get("after"),
        before=request.args.get("before"),
        options=spec.options,
    )
    return page, exact_count(query, COUNT_CAP)


def list_page(spec, **context):
    """The list page (or, for HTMX, its table). ``context`` goes to the template."""
    require(spec.permission)
    error, page, count = None, None, 0
    try:
        page, count = load(spec)
    except DomainError as exc:
        error = exc.message
    htmx = is_htmx()
    if spec.context is not None and not htmx:
        context = {**spec.context(), **context}
    return render(
        "core/list.html" if htmx else spec.template,
        block="table",
        status=400 if error else 200,
        spec=spec,
        page=page,
        rows=spec.prepared(page.rows) if page else [],
        total=count,
        sort=page.sort if page else spec.sorting.parse(None),
        error=error,
        args=request.args,
        filters=[] if htmx else [(f, f.options() if f.options else ()) for f in spec.filters],
        actions=[a for a in spec.actions if may(a.permission)],
        **context,
    )


def export_batches(spec, query=None):
    """The exported rows, batch by batch (lists of values, in the fields' order)."""
    require(spec.permission)
    sort = spec.sorting.parse(request.args.get("sort"))
    query = spec.filtered(request.args) if query is None else query
    for batch in batches(query, sort, options=spec.options):
        rows = spec.prepared(batch)
        yield list(map(spec.exporter(rows[0]), rows))


def export(spec, fmt: str, query=None, filename: str | None = None):
    header = [str(f.label) for f in spec.exported()]
    rows = export_batches(spec, query)
    first = next(rows, [])  # the filters are checked (400) before the download starts
    name = f"{filename or spec.file or spec.name}.{fmt}"
    respond = csv_response if fmt == "csv" else xlsx_response
    return respond(name, header, _chain(first, rows))


def _chain(first, rest):
    yield first
    yield from rest


def mount_list(bp, path: str, spec, choose=None) -> None:
    """Add the page, its export and bulk endpoints. ``choose()``, when given, picks the spec
    of this request (e.g. another source table behind a toggle; same endpoint and fields)."""
    name = spec.endpoint.rpartition(".")[2]
    current = choose or (lambda: spec)

    def page():
        return list_page(current())

    def export_view(fmt: str):
        return export(current(), fmt)

    def bulk_view():
        chosen = current()
        return run_bulk(
            chosen,
            lambda ids: export(
                chosen, "csv", _only(chosen, ids), f"{chosen.file or chosen.name}-selected"
            ),
        )

    bp.add_url_rule(path, name, login_required(page), methods=["GET"])
    bp.add_url_rule(
        f"{path.rstrip('/')}/export.<any(csv, xlsx):fmt>",
        f"{name}_export",
        login_required(export_view),
        methods=["GET"],
    )
    bp.add_url_rule(
        f"{path.rstrip('/')}/bulk", f"{name}_bulk", login_required(bulk_view), methods=["POST"]
    )


def _only(spec, ids):
    return spec.filtered({}).where(spec.model.id.in_(ids))
