"""One registry of human labels for codes: units, emirates, countries, VAT categories,
payment methods, statuses, event names...

A *kind* of code maps each code to a label (a lazy string, translated when shown) or is a
function ``(code, locale) -> label or None`` (countries and currencies come from Babel's
locale data). Core registers the kinds it owns (``core/i18n/code_lists.py``); plugins add
theirs through the ``code_labels`` hook. An unknown code is shown as itself.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from markupsafe import Markup, escape

from core.i18n.formatting import current_locale

Resolver = Callable[[str, object], str | None]


class LabelRegistry:
    def __init__(self) -> None:
        self.kinds: dict[str, dict[str, object] | Resolver] = {}

    def register(self, kind: str, labels) -> None:
        """Add ``labels`` (a dict or a resolver) to ``kind``; a dict merges into a dict."""
        existing = self.kinds.get(kind)
        if isinstance(existing, dict) and isinstance(labels, dict):
            existing.update(labels)
        else:
            self.kinds[kind] = dict(labels) if isinstance(labels, dict) else labels

    def text(self, kind: str, code, locale=None) -> str:
        if code is None or code == "":
            return ""
        code = str(code)
        found = self.kinds.get(kind)
        answer = found(code, current_locale(locale)) if callable(found) else (found or {}).get(code)
        return str(answer) if answer else code

    def choices(self, kind: str, locale=None) -> list[tuple[str, str]]:
        """``(code, label)`` of a dict kind, in the order it was registered."""
        found = self.kinds.get(kind)
        if not isinstance(found, dict):
            return []
        return [(code, str(text)) for code, text in found.items()]


def registry() -> LabelRegistry:
    """The running app's registry, built once from core's lists and the ``code_labels`` hook."""
    ext = current_app.extensions
    if "ledgerline.labels" not in ext:
        from core.i18n.code_lists import core_labels

        built = LabelRegistry()
        for kind, labels in core_labels().items():
            built.register(kind, labels)
        for answer in ext["ledgerline.plugins"].hook.code_labels():
            for kind, labels in (answer or {}).items():
                built.register(kind, labels)
        ext["ledgerline.labels"] = built
    return ext["ledgerline.labels"]


def label(kind: str, code, locale=None) -> str:
    """The human label of ``code`` in ``kind`` (``label("unit", "C62")`` → "Unit")."""
    return registry().text(kind, code, locale)


def labels(kind: str) -> list[tuple[str, str]]:
    """``(code, label)`` pairs of a kind, for a ``<select>``."""
    return registry().choices(kind)


def N_(message: str) -> str:  # noqa: N802 (gettext's name for it)
    """Mark ``message`` for the catalogue without translating it: a code list's English
    names, kept plain where they are data and shown translated through ``lazy_labels``."""
    return message


def lazy_labels(names: dict[str, str]) -> dict[str, object]:
    """``{code: lazy_gettext(name)}`` of a code list whose names are marked with ``N_``."""
    from flask_babel import lazy_gettext

    return {code: lazy_gettext(name) for code, name in names.items()}


def lazy_label(kind: str, code):
    """The label of ``code`` looked up when shown (for choices built at import time)."""
    from flask_babel import LazyString

    return LazyString(label, kind, code)


def label_html(code, kind: str) -> Markup:
    """The label with the code as its tooltip: ``<span title="C62">Unit</span>``."""
    if code is None or code == "":
        return Markup("")
    text = label(kind, code)
    if text == str(code):
        return escape(text)
    return Markup('<span class="ll-code" title="{}">{}</span>').format(code, text)
