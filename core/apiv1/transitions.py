"""``core.api.transition_routes``: the ``POST <record>/<action>`` routes of a record's lifecycle.

Finalize, approve, send, void, close, cancel...: each such route loads the record, hands it to
its service and answers the same way; only the service, the permission and the documentation
differ. A plugin lists them once::

    transition_routes(
        bp, "/invoices/<int:invoice_id>", "invoices", load=_invoice, finish=_answer,
        tags=TAGS, transitions=(
            Transition("approve", transitions.approve, INVOICE_APPROVE, "FINALIZED → APPROVED."),
        ),
    )

which adds ``POST /invoices/<id>/approve`` with the endpoint ``invoices_approve`` (so the
OpenAPI ``operationId`` is the one a hand-written view of that name had), the doc string as
its summary and description, no request body, and the permission check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.apiv1.docs import NO_BODY, describe
from core.apiv1.guard import require_permission


@dataclass(frozen=True)
class Transition:
    name: str  # the last segment of the URL and of the endpoint name
    action: Callable  # the service: action(record) -> record
    permission: str
    doc: str  # first line: the OpenAPI summary; the rest: its description


def transition_routes(
    bp,
    rule: str,
    prefix: str,
    *,
    load: Callable,
    finish: Callable,
    tags,
    transitions,
    response: dict | None = None,
) -> None:
    """``POST {rule}/{name}`` per transition: ``finish(action(load(**url_ids)))``."""
    for transition in transitions:
        view = _view(load, transition.action, finish)
        view.__name__ = view.__qualname__ = f"{prefix}_{transition.name}"
        view.__doc__ = transition.doc
        view = describe(tags=tags, request=NO_BODY, body_required=False, response=response)(view)
        view = require_permission(transition.permission)(view)
        bp.add_url_rule(f"{rule}/{transition.name}", view_func=view, methods=["POST"])


def _view(load: Callable, action: Callable, finish: Callable):
    def view(**url_ids):
        return finish(action(load(**url_ids)))

    return view
