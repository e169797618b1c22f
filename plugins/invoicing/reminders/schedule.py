"""Which reminder step is due: steps are days after the due date (default 1, 7 and 14)."""

from __future__ import annotations

from flask import current_app

DEFAULT_STEPS = (1, 7, 14)
CONFIG = "INVOICING_REMINDER_STEPS"


def steps() -> tuple[int, ...]:
    """From ``LEDGERLINE_INVOICING_REMINDER_STEPS`` ("1,7,14" or a JSON list)."""
    raw = current_app.config.get(CONFIG) or DEFAULT_STEPS
    items = raw.split(",") if isinstance(raw, str) else raw
    try:
        found = sorted({int(str(item).strip()) for item in items})
    except (TypeError, ValueError):
        raise ValueError(f"{CONFIG} must be whole days such as 1,7,14, not {raw!r}") from None
    if not found or found[0] < 1:
        raise ValueError(f"{CONFIG} must be whole days of at least 1, not {raw!r}")
    return tuple(found)


def due_step(days_overdue: int, configured: tuple[int, ...]) -> int | None:
    """The latest step reached. A run that missed days sends only the latest one, so a
    customer never gets the 1-day and the 7-day reminder on the same morning."""
    reached = [step for step in configured if step <= days_overdue]
    return reached[-1] if reached else None
