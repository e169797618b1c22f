"""Find text in templates that does not go through the catalogue.

The template is lexed by Jinja: its literal parts are kept, every ``{{ }}``/``{% %}`` becomes
a hole. The result is read as HTML; any text between tags, or in an attribute people see
(``title``, ``placeholder``, ``aria-label``, ``alt``, a button's ``value``), that still has a
letter in it is untranslated. Words that are the same in every language (Ledgerline, PDF,
IBAN...) do not count. ``{% trans %}`` blocks and ``_()`` calls are holes, so they pass.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

HOLE = "\u2063"  # invisible separator: not a letter, and HTMLParser keeps it in a tag name
# Not prose: scripts, styles, and code shown as code (paths, headers, identifiers).
CODE_TAGS = frozenset({"script", "style", "code", "pre", "kbd", "samp"})
SHOWN_ATTRIBUTES = frozenset({"title", "placeholder", "aria-label", "alt", "aria-description"})
# Names and acronyms written the same in every language the app speaks.
UNIVERSAL = re.compile(
    r"\b(?:Ledgerline|PDF|XML|CSV|XLSX|IBAN|TRN|UBL|Peppol|PINT-AE|GTIN|QR|API|ID|URL|MFA|"
    r"SHA-256|JSON|ZIP|NDJSON|EAS|VATEX|TIP-1022|EVM|RPC|xpub|Tempo|AED|USD|UTC|OK|"
    r"ISO|BIS|EN|HTTP|HTTPS|JWT|TOTP|e\.g\.|PO|GRN|INV|CN|PAY|BILL|Tradeshift|Basware|"
    r"Socket\.IO|Huey|Redis|SMTP|USDC|pathUSD|ETH|wei)\b|https?://[^\s\"'<>]+"
)
_LETTER = re.compile(r"[^\W\d_]")
_ENTITY = re.compile(r"&[#\w]+;")


def holes(env, source: str) -> str:
    """The template's literal text, with a hole where Jinja puts anything."""
    parts = []
    depth = 0
    translating = False  # inside {% trans %}...{% endtrans %}: the catalogue's text
    first_name = False
    for _, kind, value in env.lex(source):
        if kind in ("variable_begin", "block_begin", "comment_begin"):
            depth += 1
            first_name = kind == "block_begin"
            parts.append(HOLE)
        elif kind in ("variable_end", "block_end", "comment_end"):
            depth -= 1
        elif kind == "name" and first_name:
            first_name = False
            if value == "trans":
                translating = True
            elif value == "endtrans":
                translating = False
        elif kind == "data" and depth == 0 and not translating:
            parts.append(value)
        elif kind == "raw_begin":
            parts.append(HOLE)
    return "".join(parts)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in CODE_TAGS:
            self.hidden += 1
        attributes = dict(attrs)
        for name, value in attrs:
            if value and (name in SHOWN_ATTRIBUTES or _button_value(tag, name, attributes)):
                self._check(value)

    def handle_endtag(self, tag):
        if tag in CODE_TAGS and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self._check(data)

    def _check(self, text: str) -> None:
        bare = UNIVERSAL.sub("", _ENTITY.sub(" ", text.replace(HOLE, " ")))
        if _LETTER.search(bare):
            self.found.append(" ".join(text.replace(HOLE, "{…}").split()))


def _button_value(tag: str, name: str, attributes: dict) -> bool:
    return name == "value" and tag == "input" and attributes.get("type") in ("submit", "button")


def printed_strings(env, source: str) -> list[str]:
    """String literals a ``{{ }}`` prints as they are: ``{{ "valid" if ok else "BROKEN" }}``,
    ``{{ x or "none" }}`` (a string right after ``{{``, ``else`` or ``or``), in text or in an
    attribute people see; machine values (``class``, ``role``, ``data-*``) are not text."""
    found = []
    previous = None
    shown = False
    depth = 0  # inside a call's arguments: not printed as it is
    text = []
    tokens = [(kind, value) for _, kind, value in env.lex(source) if kind != "whitespace"]
    for index, (kind, value) in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else (None, None)
        if following == ("operator", "|"):  # "posted" | label_text(...): a code, not text
            previous = kind
            continue
        if kind == "data":
            text.append(value)
        elif kind == "variable_begin":
            shown, depth = _shown_here("".join(text[-20:])), 0
        elif kind == "variable_end":
            shown = False
        elif kind == "operator" and value in "([{":
            depth += 1
        elif kind == "operator" and value in ")]}":
            depth -= 1
        elif (
            shown
            and not depth
            and kind == "string"
            and previous in ("variable_begin", "else", "or")
        ):
            bare = UNIVERSAL.sub("", _ENTITY.sub(" ", value))
            if _LETTER.search(bare):
                found.append(value)
        previous = value if kind == "name" else kind
    return found


_ATTRIBUTE_OPEN = re.compile(r"([\w:-]+)\s*=\s*[\"']?[^\"'<>]*$")


def _shown_here(before: str) -> bool:
    """Whether output at the end of ``before`` is text or a shown attribute's value."""
    if before.rfind("<") <= before.rfind(">"):
        return True  # between tags
    attribute = _ATTRIBUTE_OPEN.search(before)
    return attribute is not None and attribute.group(1) in SHOWN_ATTRIBUTES


def untranslated(env, source: str) -> list[str]:
    """Each piece of literal, user-visible text in the template ``source``."""
    reader = _Reader()
    reader.feed(holes(env, source))
    reader.close()
    return reader.found + printed_strings(env, source)
