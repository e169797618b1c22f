"""/api/v1/plugins: installed plugins, whether enabled, dependencies, hooks, migration state."""

from __future__ import annotations

from flask import current_app

from core.apiv1 import bp
from core.apiv1.docs import describe
from core.apiv1.guard import require_permission
from core.pagination import envelope, page_parameters
from core.plugin_state import describe_plugins

_NAMES = {"type": "array", "items": {"type": "string"}}

PLUGIN = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "version": {"type": "string"},
        "summary": {"type": "string"},
        "enabled": {"type": "boolean", "description": "Installed plugins may be disabled"},
        "distribution": {"type": ["string", "null"]},
        "depends": _NAMES,
        "uses": _NAMES,
        "hooks": _NAMES,
        "migrations": {
            "type": ["object", "null"],
            "description": "null when the plugin ships no migrations",
            "properties": {
                "branch": {"type": "string"},
                "head": {"type": "string"},
                "applied": {"type": ["string", "null"]},
                "up_to_date": {"type": "boolean"},
                "error": {"type": ["string", "null"]},
            },
        },
    },
    "required": ["name", "version", "enabled", "depends", "uses", "hooks", "migrations"],
}


@bp.get("/plugins")
@require_permission("core.apps.read")
@describe(response=PLUGIN, paginated=True, tags=("core",))
def plugins_list():
    """Every installed plugin, by name (what the Apps page shows)."""
    limit, offset = page_parameters()
    rows = describe_plugins(current_app)
    return envelope(rows[offset : offset + limit], limit, offset, len(rows))
