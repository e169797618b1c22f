"""The time zones people pick (for themselves and as their company's default)."""

from __future__ import annotations

from zoneinfo import available_timezones

from babel.dates import get_timezone_location

from core.i18n.formatting import current_locale

# Region/City zones people pick; the legacy aliases (US/Eastern, Etc/GMT+4...) are left out.
_REGIONS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe")
ZONES = sorted(
    zone
    for zone in available_timezones()
    if zone.split("/", 1)[0] in (*_REGIONS, "Indian", "Pacific") and "/" in zone
) + ["UTC"]


def zone_choices() -> list[tuple[str, str]]:
    """``(zone, "Asia/Dubai · دبي")`` for every zone, the city in the reader's language."""
    locale = current_locale()
    choices = []
    for zone in ZONES:
        city = get_timezone_location(zone, locale=locale, return_city=True)
        choices.append((zone, f"{zone.replace('_', ' ')} · {city}" if city else zone))
    return choices
