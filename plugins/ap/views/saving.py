"""After a page's save: say so, then the next page."""

from __future__ import annotations

from flask import flash, redirect


def go_on(message: str, url: str):
    """After a save: say so, then the next page."""
    flash(message, "success")
    return redirect(url)
