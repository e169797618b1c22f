"""Live-update events a plugin's pages listen for are named ``<plugin>_...`` (or are core's own),
so two plugins can never mean different things by one event name."""

from __future__ import annotations

import re

from core import PROJECT_ROOT

CORE_EVENTS = {"reconnected", "job_progress", "company_updated", "audit_added"}
# Issue 10 names AP's live events without the prefix (po_sent, goods_received, bill_created,
# bill_matched, bill_approved); integrations listen for them, so they keep those names. Any
# other AP event must carry the prefix like everyone else's.
NAMED_BY_CONTRACT = {
    "ap": {"po_sent", "goods_received", "bill_created", "bill_matched", "bill_approved"},
}
LISTENED = re.compile(r"ll:([a-z0-9_]+)")


def plugin_listeners() -> dict[str, set[str]]:
    found = {}
    for template in (PROJECT_ROOT / "plugins").glob("*/templates/**/*.html"):
        plugin = template.relative_to(PROJECT_ROOT / "plugins").parts[0]
        found.setdefault(plugin, set()).update(LISTENED.findall(template.read_text()))
    return found


def test_plugin_pages_listen_only_to_prefixed_or_core_events():
    listeners = plugin_listeners()
    assert {"invoicing", "payments"} <= set(listeners)
    prefixes = tuple(f"{name}_" for name in listeners)
    stray = {
        (plugin, event)
        for plugin, events in listeners.items()
        for event in events
        if event not in CORE_EVENTS | NAMED_BY_CONTRACT.get(plugin, set())
        and not event.startswith(prefixes)
    }
    assert stray == set()
