"""XML from outside, parsed safely: no entities, no network, no DTD, and a DOCTYPE is refused.

Billion-laughs, XXE and parameter-entity XXE all need a DOCTYPE, so refusing any document that
carries one closes them together; the parser settings are the second wall.
"""

from __future__ import annotations

from lxml import etree

from plugins.einvoice.errors import NotUBLError
from plugins.einvoice.namespaces import NS_CN, NS_INV

UBL_ROOTS = {NS_INV: "Invoice", NS_CN: "CreditNote"}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        remove_comments=False,
    )


def parse(xml: bytes) -> etree._ElementTree:
    """A parsed tree, or NotUBLError saying why the bytes are not acceptable XML."""
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    if not isinstance(xml, bytes | bytearray) or not xml.strip():
        raise NotUBLError("the document is empty")
    try:
        root = etree.fromstring(bytes(xml), _parser())
    except etree.XMLSyntaxError as exc:
        raise NotUBLError(f"not well-formed XML: {exc}") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise NotUBLError("a DOCTYPE is not allowed in an e-invoice")
    return tree


def parse_ubl(xml: bytes) -> etree._ElementTree:
    """A parsed tree whose root is a UBL 2.1 Invoice or CreditNote."""
    tree = parse(xml)
    root = tree.getroot()
    qname = etree.QName(root)
    if UBL_ROOTS.get(qname.namespace) != qname.localname:
        raise NotUBLError(
            f"the root element {qname.localname!r} ({qname.namespace or 'no namespace'}) is not "
            "a UBL 2.1 Invoice or CreditNote"
        )
    return tree
