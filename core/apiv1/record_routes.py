"""``core.api.record_routes``: the create, read and update routes of a record resource.

``POST /widgets``, ``GET /widgets/<id>`` and ``PATCH /widgets/<id>`` of most resources differ
only in the service, the serializer, the permissions and the documentation. A plugin lists
them once (any of the three may be left out)::

    record_routes(
        bp, "/customers", "/customers/<int:customer_id>", "customers",
        load=lambda customer_id: get_or_404(Customer, customer_id), serialize=s.customer,
        tags=TAGS, commit=commit,
        create=RecordRoute(CUSTOMER_WRITE, "Create a customer.", customers.create, CREATE),
        read=RecordRoute(CUSTOMER_READ, "One customer; ``ETag`` is its version."),
        update=RecordRoute(CUSTOMER_WRITE, "Change a customer.", customers.update, PATCH),
    )

which adds the endpoints ``customers_create``, ``customers_read`` and ``customers_update``
(the OpenAPI ``operationId`` a hand-written view of that name had), the doc string as summary
and description, the request schema (checked by core), ``response`` as the answer's schema,
``versioned`` on read and update, and the permission checks. The bodies are
``create_record``, ``read_record`` and ``update_record``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.apiv1.docs import describe
from core.apiv1.guard import require_permission
from core.apiv1.records import create_record, read_record, update_record
from core.commit import commit as core_commit


@dataclass(frozen=True)
class RecordRoute:
    permission: str
    doc: str  # first line: the OpenAPI summary; the rest: its description
    action: Callable | None = None  # create: make(company_id, body); update: change(record, body)
    request: dict | None = None  # the body's JSON Schema (create, update)
    load: Callable | None = None  # update: the record to change, if not ``load``'s
    locks: bool = False  # update: see ``update_record(locks=True)``


def record_routes(
    bp,
    collection: str,
    item: str,
    prefix: str,
    *,
    load: Callable,
    serialize: Callable,
    tags,
    response: dict | None = None,
    commit: Callable = core_commit,
    create: RecordRoute | None = None,
    read: RecordRoute | None = None,
    update: RecordRoute | None = None,
) -> None:
    """``POST {collection}``, ``GET {item}``, ``PATCH {item}`` for the routes given."""

    def create_view():
        return create_record(create.action, serialize, commit)

    def read_view(**ids):
        return read_record(load(**ids), serialize)

    def update_view(**ids):
        record = (update.load or load)(**ids)
        return update_record(record, serialize, update.action, commit, locks=update.locks)

    routes = (
        (create, "create", collection, "POST", create_view, {"status": 201}),
        (read, "read", item, "GET", read_view, {"versioned": True}),
        (update, "update", item, "PATCH", update_view, {"versioned": True}),
    )
    for route, name, rule, method, view, extra in routes:
        if route is None:
            continue
        view.__name__ = view.__qualname__ = f"{prefix}_{name}"
        view.__doc__ = route.doc
        view = describe(tags=tags, request=route.request, response=response, **extra)(view)
        view = require_permission(route.permission)(view)
        bp.add_url_rule(rule, view_func=view, methods=[method])
