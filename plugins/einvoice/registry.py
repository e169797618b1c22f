"""Every XML profile any plugin offers, through the ``einvoice_xml_profiles`` hook."""

from __future__ import annotations

from core.api import hook


def _entries(answer):
    if isinstance(answer, dict):
        return answer.items()
    if isinstance(answer, list | tuple):
        return [(getattr(p, "name", None), p) for p in answer]
    return [(getattr(answer, "name", None), answer)]


def collect(answers) -> dict:
    """``{name: profile}`` from hook answers (each a dict, a list, or one profile)."""
    found = {}
    for answer in answers:
        for name, profile in _entries(answer or {}):
            if name:
                found[name] = profile
    return found


def xml_profiles(also=()) -> dict:
    """``{name: Profile}`` offered by every enabled plugin (needs an app context).

    ``also``: answers of another hook with the same shape (invoicing's deprecated alias);
    ``einvoice_xml_profiles`` wins on a name clash.
    """
    return {**collect(also), **collect(hook.einvoice_xml_profiles())}
