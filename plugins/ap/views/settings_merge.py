"""The AP settings changed by someone else while this user had the page open: core's merge page
(``core.api.StaleMerge``) instead of overwriting their change. Until the first change the
settings are the defaults, version 0 (no row)."""

from __future__ import annotations

from flask import url_for

from core.api import StaleMerge, _, label, merge_back
from plugins.ap.services import settings


def snapshot(row) -> dict:
    """The settings as the page's form holds them (text)."""
    return {
        k: "" if v is None else str(v)
        for k, v in settings.as_dict(settings.current(row.company_id)).items()
    }


def _label(name: str) -> str:
    text = label("ap_setting", name)
    return text if text != name else name.replace("_", " ").capitalize()


def _page(row=None) -> str:
    return url_for("ap.settings_page")


def refusal(company_id: int, mine: dict):
    """The merge page when the settings were saved since the form was opened, else None."""
    row = settings.row(company_id)
    return MERGE.refusal(row, mine) if row is not None else None


MERGE = StaleMerge(
    kind="ap_settings",
    snapshot=snapshot,
    form=lambda payload: {},
    edit_url=_page,
    back_url=_page,
    back_label=lambda row: _("Matching settings"),
    labels=lambda row: _label,
)


def save_merged(actor):
    """The merge page's answer: the chosen values saved against the version it showed."""
    from plugins.ap.api.common import commit

    row = settings.row(actor.company_id)

    def apply(payload):
        return settings.update_and_rematch(actor.company_id, payload, actor.user_id)

    return merge_back(MERGE, row, apply, commit, _("Settings saved; open bills are matched again."))
