"""Layer 1: the OASIS UBL 2.1 XSD, compiled once per process.

lxml schema objects keep their error log on the object, so each schema validates under its
own lock; validation takes a few milliseconds.
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from plugins.einvoice import rulefiles
from plugins.einvoice.report import FATAL, XSD_RULE, Finding

_lock = threading.Lock()
_schemas: dict[str, tuple[etree.XMLSchema, threading.Lock]] = {}


def _verify_all() -> None:
    for relative in rulefiles.manifest()["files"]:
        if relative.startswith(rulefiles.XSD_LAYER + "/"):
            rulefiles.verified_path(relative)


def _schema(root_name: str) -> tuple[etree.XMLSchema, threading.Lock]:
    with _lock:
        if root_name not in _schemas:
            _verify_all()
            path = rulefiles.verified_path(rulefiles.XSD_ROOTS[root_name])
            schema = etree.XMLSchema(etree.parse(str(path)))
            _schemas[root_name] = (schema, threading.Lock())
        return _schemas[root_name]


def _message(error) -> str:
    return f"line {error.line}: {re.sub(r'{[^}]*}', '', error.message)}"


def check(tree) -> list[Finding]:
    """XSD findings (rule "XSD") for a parsed UBL Invoice or CreditNote."""
    schema, lock = _schema(etree.QName(tree.getroot()).localname)
    with lock:
        if schema.validate(tree):
            return []
        errors = list(schema.error_log)
    return [Finding(XSD_RULE, FATAL, error.path or "", _message(error)) for error in errors]


def warm() -> None:
    for root_name in rulefiles.XSD_ROOTS:
        _schema(root_name)
