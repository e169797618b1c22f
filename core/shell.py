"""Navigation and dashboard widgets collected from plugins."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from markupsafe import Markup


@dataclass(frozen=True)
class MenuItem:
    label: str
    endpoint: str
    order: int = 100
    icon: str = ""
    permission: str | None = None


@dataclass(frozen=True)
class Widget:
    title: str
    html: Markup | str
    order: int = 100


CORE_MENU = [
    MenuItem(_l("Dashboard"), "core_web.dashboard", 0),
    MenuItem(_l("Apps"), "core_web.apps", 900, permission="core.apps.read"),
    MenuItem(_l("Jobs"), "core_jobs.index", 910, permission="core.jobs.read"),
    MenuItem(_l("Audit log"), "core_audit.index", 915, permission="core.audit.read"),
    MenuItem(_l("Company"), "core_web.company", 920, permission="core.company.read"),
]


def menu_for(actor) -> list[MenuItem]:
    if actor is None:
        return []
    plugins = current_app.extensions["ledgerline.plugins"]
    items = list(CORE_MENU)
    for batch in plugins.hook.menu_items(actor=actor):
        items.extend(batch or [])
    visible = [i for i in items if i.permission is None or actor.can(i.permission)]
    return sorted(visible, key=lambda i: (i.order, i.label))


def widgets_for(actor) -> list[Widget]:
    from core import live_activity

    plugins = current_app.extensions["ledgerline.plugins"]
    items = live_activity.widgets(actor)
    for batch in plugins.hook.dashboard_widgets(actor=actor):
        items.extend(batch or [])
    return sorted(items, key=lambda w: (w.order, w.title))
