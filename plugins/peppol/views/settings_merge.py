"""The inbox schedule changed by someone else while this user had the form open: core's merge
page (``core.api.StaleMerge``) instead of overwriting their change."""

from __future__ import annotations

from flask import url_for

from core.api import StaleMerge, lazy_gettext

LABELS = {
    "inbox_enabled": lazy_gettext("Fetch every day"),
    "inbox_time": lazy_gettext("At (local time)"),
    "timezone": lazy_gettext("Time zone"),
}


def snapshot(settings) -> dict:
    """The schedule as its form holds it (a ticked box is "on")."""
    return {
        "inbox_enabled": "on" if settings.inbox_enabled else "",
        "inbox_time": settings.inbox_time or "",
        "timezone": settings.timezone or "",
    }


def submitted(form) -> dict:
    return {
        "inbox_enabled": "on" if form.get("inbox_enabled") == "on" else "",
        "inbox_time": form.get("inbox_time", "").strip(),
        "timezone": form.get("timezone", "").strip(),
    }


def as_change(payload: dict) -> dict:
    """A form's values as ``settings.change`` takes them."""
    data = {"inbox_enabled": payload.get("inbox_enabled") == "on"}
    data.update({k: payload[k] for k in ("inbox_time", "timezone") if payload.get(k)})
    return data


def _inbox(settings=None) -> str:
    return url_for("peppol.inbox")


MERGE = StaleMerge(
    kind="peppol_settings",
    snapshot=snapshot,
    form=lambda payload: {},
    edit_url=lambda settings: url_for("peppol.inbox_settings"),
    back_url=_inbox,
    back_label=lambda settings: lazy_gettext("Peppol inbox"),
    reload_url=_inbox,
    labels=lambda settings: lambda name: str(LABELS.get(name, name)),
)
