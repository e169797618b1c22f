"""The XML finalize seals: checked by the official rules before the chain lock, under the
number the series would give next (``upcoming_number``); numbered under the lock.

When no other finalization took that number meanwhile, the checked XML is the sealed one.
Otherwise the document is written again with its real number (lxml, a few ms; the official
rules took several times that) and the earlier verdict carries over only if the two XMLs
differ in nothing but the number's own texts: the document ID, the reference repeating it
and the UUID derived from it. The rule sets ask of the number only that it be there
(EN 16931 BR-02, PINT-AE, Peppol BIS: presence and non-empty, never its value), and both
numbers are non-empty. Anything else differing (a note that repeats the number, a writer
that puts it elsewhere) runs the official rules again on the numbered document, as before.
"""

from __future__ import annotations

import dataclasses
import re
from xml.sax.saxutils import escape

from plugins.einvoice.public import ProfileError
from plugins.invoicing import einvoice_xml
from plugins.invoicing.services import einvoice_gate

_UUID = re.compile(rb"<cbc:UUID>[^<]*</cbc:UUID>")


def numbered_xml(invoice, checked: bytes, document, totals, profiles: list[str], number: str):
    """The XML of ``document`` (checked as ``checked`` under ``document.number``) numbered
    ``number``; raises the 422 of ``einvoice_gate.sealed_xml`` if a re-check refuses it."""
    if number == document.number:
        return checked
    numbered = dataclasses.replace(document, number=number)
    written = _write(numbered, profiles[0])
    if written is not None and _masked(written, number) == _masked(checked, document.number):
        return written
    return einvoice_gate.sealed_xml(invoice, numbered, totals, profiles)


def _write(document, profile: str) -> bytes | None:
    try:
        xml = einvoice_xml.profiles()[profile].build(document)
    except ProfileError:
        return None  # the full check below says why
    return xml.encode() if isinstance(xml, str) else xml


def _masked(xml: bytes, number: str) -> bytes:
    """``xml`` with every element text equal to ``number`` and the UUID blanked."""
    text = escape(number).encode()
    return _UUID.sub(b"<cbc:UUID>#</cbc:UUID>", xml.replace(b">" + text + b"<", b">#<"))
