"""``describe``: the request and response shapes of a view, for the OpenAPI document."""

from __future__ import annotations

from core.apiv1.meta import meta

# The request schema of an action that takes no body: ``{}`` or nothing; any field is unknown.
NO_BODY = {"type": "object", "properties": {}, "additionalProperties": False}


def describe(
    *,
    request: dict | None = None,
    response: dict | None = None,
    status: int | None = None,
    also: dict[int, str] | None = None,
    summary: str | None = None,
    tags: tuple[str, ...] = (),
    query: dict[str, dict] | None = None,
    paginated: bool = False,
    body_required: bool = True,
    body_media: dict | None = None,
    versioned: bool = False,
):
    """Attach JSON Schemas to a view: ``request`` body, ``response`` body at ``status``.

    ``request`` is enforced, not only documented: core checks every JSON body against it
    before the view runs (unknown fields, types, required fields: one 422 naming each field).
    Use ``NO_BODY`` for an action that takes none; ``body_required=False`` when the body may
    be left out. ``query`` maps query-parameter names to schemas; ``paginated`` adds
    ``limit``/``offset`` and wraps ``response`` (the schema of one item) in the list envelope.
    Summary and description default to the view's docstring (first line, then the rest).
    ``body_media`` documents a body that is not JSON (``{"application/xml": {"schema": ...}}``);
    core leaves such a body to the view, which reads and bounds it.
    ``also`` documents other success statuses the view answers (``{200: "Already queued"}``).
    ``versioned`` marks a record route of ``core.versioning``: its answer carries ``ETag`` and
    its PATCH/PUT honours ``If-Match`` (409 ``stale_version`` when the version moved on).
    """

    def decorate(view):
        info = meta(view)
        info.update(
            {k: v for k, v in (("request", request), ("response", response)) if v is not None}
        )
        if status is not None:
            info["status"] = status
        if also:
            info["also"] = dict(also)
        if summary:
            info["summary"] = summary
        if tags:
            info["tags"] = list(tags)
        if paginated:
            info["paginated"] = True
        if not body_required:
            info["body_optional"] = True
        if body_media:
            info["body_media"] = body_media
        if versioned:
            info["versioned"] = True
        if query:
            info.setdefault("query", {}).update(query)
        return view

    return decorate
