"""A job's result value as a reader reads it: counts as numbers, yes/no, codes by their label.

A plugin labels the codes one result key carries under the kind ``job_result.<key>`` (Peppol:
``"job_result.state": STATES``), beside its ``job_result`` labels of the keys themselves.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _

from core.i18n import formatting, labels


def job_result_value(value, key: str) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | Decimal):
        return formatting.format_number(value)
    if isinstance(value, list):
        return ", ".join(job_result_value(item, key) for item in value)
    if isinstance(value, dict):  # {code: count}
        return ", ".join(
            f"{job_result_value(k, key)}: {job_result_value(v, key)}" for k, v in value.items()
        )
    if isinstance(value, str):
        return labels.label(f"job_result.{key}", value)
    return "" if value is None else str(value)
