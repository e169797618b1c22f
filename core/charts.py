"""Charts drawn on the server as inline SVG: no chart library, no CDN, no script.

``bar_chart`` draws one bar per (label, value) with the value written above the bar and in a
``<title>`` tooltip; the SVG scales to its container (``viewBox``) and names itself for screen
readers (``role="img"`` and ``aria-label``). Values are Decimals (money) or ints; negative
values are drawn as empty bars (a chart of amounts due or cash received never needs them).
In a right-to-left language the bars run from the right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape

WIDTH, HEIGHT = 360, 170
TOP, BOTTOM, SIDE = 20, 30, 4


def bar_chart(
    bars: Sequence[tuple[str, Decimal | int]],
    title: str,
    fmt: Callable[[Decimal | int], str] = str,
    highlight: Sequence[int] = (),
) -> Markup:
    """An SVG bar chart; ``highlight`` holds the indexes of bars drawn in the warning colour
    (overdue buckets)."""
    label = escape(title)
    if not bars:
        empty = _("%(title)s: nothing to show yet.", title=title)
        return Markup('<p class="ll-chart-empty">{}</p>').format(empty)
    top = max((Decimal(v) for _, v in bars), default=Decimal(0))
    slot = (WIDTH - 2 * SIDE) / len(bars)
    parts = [
        f'<svg class="ll-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}"'
        ' preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{label}</title>",
        f'<line class="ll-chart-axis" x1="{SIDE}" y1="{HEIGHT - BOTTOM}" '
        f'x2="{WIDTH - SIDE}" y2="{HEIGHT - BOTTOM}"/>',
    ]
    # Right to left, the first bar stands on the right; the markup keeps reading order.
    locale = get_locale()
    rtl = locale is not None and locale.text_direction == "rtl"
    for i, (name, value) in enumerate(bars):
        place = len(bars) - 1 - i if rtl else i
        parts.append(_bar(place, slot, name, value, top, fmt, i in highlight))
    parts.append("</svg>")
    return Markup("".join(parts))


def _bar(i, slot, name, value, top, fmt, warn) -> str:
    plot = HEIGHT - TOP - BOTTOM
    share = Decimal(value) / top if top > 0 and value > 0 else Decimal(0)
    h = round(float(share) * plot, 1)
    x = SIDE + i * slot + slot * 0.15
    w = slot * 0.7
    y = HEIGHT - BOTTOM - h
    cx = SIDE + i * slot + slot / 2
    shown, name = escape(fmt(value)), escape(name)
    kind = "ll-chart-bar ll-chart-warn" if warn else "ll-chart-bar"
    return (
        f"<g><title>{name}: {shown}</title>"
        f'<rect class="{kind}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h}" '
        'rx="2"/>'
        f'<text class="ll-chart-value" x="{cx:.1f}" y="{y - 5:.1f}" '
        f'text-anchor="middle">{shown}</text>'
        f'<text class="ll-chart-label" x="{cx:.1f}" y="{HEIGHT - BOTTOM + 16}" '
        f'text-anchor="middle">{name}</text></g>'
    )
