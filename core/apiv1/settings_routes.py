"""``core.api.settings_routes``: ``GET`` and ``PATCH`` of a plugin's company settings.

A plugin's settings are one row per company, made on the first change (``row`` is None until
then, and the settings are their defaults at version ``0``: ``core.api.row_version``). The two
routes differ between plugins only in the service, the JSON shape, the permissions and the
documentation::

    settings_routes(
        bp, "/wallet/settings", "wallet_settings",
        row=settings.row, current=settings.current, serialize=settings.as_json,
        tags=TAGS, response=SETTINGS_OUT,
        read=RecordRoute(READ, "The company's wallet settings..."),
        update=RecordRoute(ADMINISTER, "Change wallet settings...", settings.update, SETTINGS),
    )

``GET`` answers ``serialize(current(company))`` with ``ETag`` the row's version; ``PATCH``
refuses a stale ``If-Match`` (409 ``stale_version`` with the settings now), calls
``update.action(company, body)`` (the values after the change), commits and answers as ``GET``.
"""

from __future__ import annotations

from collections.abc import Callable

from core.access import company_id
from core.apiv1.body import json_body
from core.apiv1.docs import describe
from core.apiv1.guard import require_permission
from core.apiv1.record_routes import RecordRoute
from core.commit import commit as core_commit
from core.versioning import check_row_version, if_match, row_version


def settings_routes(
    bp,
    rule: str,
    prefix: str,
    *,
    row: Callable,
    current: Callable,
    serialize: Callable,
    tags,
    read: RecordRoute,
    update: RecordRoute,
    response: dict | None = None,
    commit: Callable = core_commit,
) -> None:
    """``GET {rule}`` (endpoint ``{prefix}_read``) and ``PATCH {rule}`` (``{prefix}_update``)."""

    def tagged(values):
        return serialize(values), 200, {"ETag": f'"{row_version(row(company_id()))}"'}

    def read_view():
        return tagged(current(company_id()))

    def update_view():
        check_row_version(row(company_id()), if_match(), serialize(current(company_id())))
        values = update.action(company_id(), json_body())
        commit()
        return tagged(values)

    for route, name, method, view in (
        (read, "read", "GET", read_view),
        (update, "update", "PATCH", update_view),
    ):
        view.__name__ = view.__qualname__ = f"{prefix}_{name}"
        view.__doc__ = route.doc
        view = describe(tags=tags, request=route.request, response=response, versioned=True)(view)
        view = require_permission(route.permission)(view)
        bp.add_url_rule(rule, view_func=view, methods=[method])
