"""No refusal, field error or flash message in the code skips the catalogue (by parsing, no
server): together with the Arabic-completeness test, every error a user can read has Arabic."""

from __future__ import annotations

import pytest

from core import PROJECT_ROOT
from core.i18n.message_literals import untranslated_messages

# Messages that no user reads: the OpenAPI document's English descriptions, internal guards
# that mean a programming error, and the export reader's command-line (operator) messages.
NOT_SWEPT = {
    "core/openapi.py",
    "core/tenant_dml.py",
    "plugins/peppol/states.py",
    "plugins/payments/export/reader.py",
}


def modules():
    for folder in ("core", "plugins"):
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py")):
            relative = str(path.relative_to(PROJECT_ROOT))
            parts = path.relative_to(PROJECT_ROOT).parts
            if {"tests", "migrations", "scaffold"} & set(parts) or relative in NOT_SWEPT:
                continue
            yield relative


def test_every_user_facing_message_goes_through_the_catalogue():
    found = {}
    for relative in modules():
        hits = untranslated_messages((PROJECT_ROOT / relative).read_text())
        if hits:
            found[relative] = hits
    assert found == {}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('raise NotFound("not_found", f"No invoice {n}.")', [(1, "f'No invoice {n}.'")]),
        ('raise Conflict("already_void", _("Already void."))', []),
        ('errors["name"] = "is required"', [(1, "'is required'")]),
        ('raise ValidationFailed({"x": "must be text"})', [(1, "'must be text'")]),
        ('def _iban_error(v):\n    return "Not an IBAN."', [(2, "'Not an IBAN.'")]),
        ('flash(_("Saved."), "success")', []),
        ('raise ApiError(409, "stale_version", msg)', []),
        ('SelectChoice("", "Choose a customer…")', [(1, "'Choose a customer…'")]),
        ('def _f_error(v):\n    return "Is required." if v else None', [(2, "'Is required.'")]),
        ('errors = {n: "Unknown field." for n in fields}', [(1, "'Unknown field.'")]),
    ],
)
def test_the_check_finds_plain_messages_and_accepts_catalogue_calls(source, expected):
    assert untranslated_messages(source) == expected
