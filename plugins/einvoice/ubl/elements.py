"""Small lxml helpers for UBL: namespaced elements that are never empty, amounts, numbers."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from plugins.einvoice.namespaces import NS
from plugins.einvoice.totals import money


def qname(tag: str) -> str:
    prefix, _, local = tag.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def element(tag: str, text=None, **attrs) -> etree._Element:
    node = etree.Element(qname(tag), nsmap={"cac": NS["cac"], "cbc": NS["cbc"]})
    if text is not None:
        node.text = str(text)
    for name, value in attrs.items():
        node.set(name, str(value))
    return node


def add(parent, tag: str, text=None, **attrs):
    """Append a child; a basic element without text is skipped (Peppol R008: no empty
    elements), and an aggregate is returned for filling (prune() drops it if left empty)."""
    if tag.startswith("cbc:") and (text is None or str(text).strip() == ""):
        return None
    node = element(tag, text, **attrs)
    parent.append(node)
    return node


def prune(node) -> None:
    """Remove aggregates that ended up with no content, innermost first."""
    for child in list(node):
        prune(child)
    if (
        node.getparent() is not None
        and len(node) == 0
        and not (node.text or "").strip()
        and etree.QName(node).namespace == NS["cac"]
    ):
        node.getparent().remove(node)


def number(value: Decimal) -> str:
    """A plain decimal without exponent or trailing zeros: 5, 0.5, 1200."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def amount(value: Decimal, places: int = 2) -> str:
    """Rounded half-up, as the totals are (``f"{value:.0f}"`` alone rounds half-even:
    a JPY allowance of 28.50 was written 28 while the totals counted 29)."""
    return f"{money(value, places):f}"
