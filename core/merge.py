"""Three-way comparison of a record's edit form: original (what the user opened), mine (what
they saved) and theirs (what is stored now, saved by someone else meanwhile).

An edit page refused with ``core.versioning.StaleVersion`` shows ``changes(...)`` field by
field (``templates/core/_stale.html``) and lets the user choose per field; ``merged(...)``
then builds the payload to save against the new version. Values are compared as the form
sends them (text; lists of line dicts), so an empty field and a missing one are the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    original: object
    mine: object
    theirs: object

    @property
    def i_changed(self) -> bool:
        return _same(self.mine) != _same(self.original)

    @property
    def they_changed(self) -> bool:
        return _same(self.theirs) != _same(self.original)

    @property
    def conflict(self) -> bool:
        """Both changed it, differently: only the user can say which one stays."""
        return self.i_changed and self.they_changed

    @property
    def default(self) -> str:
        """Mine where I changed it, theirs where only they did."""
        return MINE if self.i_changed else THEIRS


def _same(value):
    """A canonical form for comparing: None and "" alike, text trimmed, lists element-wise."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return json.dumps([_same(v) for v in value], sort_keys=True)
    if isinstance(value, dict):
        return json.dumps({k: _same(v) for k, v in value.items()}, sort_keys=True)
    return str(value).strip()


def changes(
    original: dict, mine: dict, theirs: dict, labels: dict[str, str] | Callable[[str], str]
) -> list[FieldChange]:
    """The fields where what I saved differs from what is stored now, in ``mine``'s order."""
    names = list(dict.fromkeys([*mine, *theirs]))
    label = labels if callable(labels) else lambda n: labels.get(n, n.replace("_", " "))
    return [
        FieldChange(name, label(name), original.get(name), mine.get(name), theirs.get(name))
        for name in names
        if _same(mine.get(name)) != _same(theirs.get(name))
    ]


def merged(mine: dict, theirs: dict, take_mine: set[str]) -> dict:
    """What is stored now, with my value for each field in ``take_mine``."""
    result = dict(theirs)
    for name in take_mine:
        if name in mine:
            result[name] = mine[name]
    return result


def dump(payload: dict) -> str:
    """A payload for a hidden form field."""
    return json.dumps(payload, sort_keys=True, default=str)


def load(text: str | None) -> dict:
    """A payload back from a hidden form field; anything unreadable is an empty payload."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass
class StaleEdit:
    """What an edit page needs to show a refused save (``templates/core/_stale.html``)."""

    changes: list[FieldChange]
    version: int  # the version stored now: the merged save is made against it
    mine: dict
    theirs: dict
    action: str  # where the merge form posts (the edit page)
    reload_url: str
    show: Callable[[str, object], object] = lambda name, value: value
    saved_by: str | None = None

    @property
    def mine_json(self) -> str:
        return dump(self.mine)

    @property
    def theirs_json(self) -> str:
        return dump(self.theirs)


def choices_from(form) -> set[str]:
    """The fields whose "mine" radio (``take:<field>``) the merge form sent."""
    return {key[5:] for key, value in form.items() if key.startswith("take:") and value == MINE}
