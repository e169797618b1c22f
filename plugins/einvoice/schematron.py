"""Layers 2+: the official Schematron stylesheets on Saxon-HE (saxonche), compiled once.

Compiling the rules costs about half a second per stylesheet, so each is compiled once per
process and reused. saxonche objects are not thread-safe: every compiled stylesheet has its own
lock, and parsing has one, so two threads can run different stylesheets at the same time.
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from plugins.einvoice import rulefiles
from plugins.einvoice.report import FATAL, WARNING, Finding

SVRL = "http://purl.oclc.org/dsdl/svrl"
_WARNING_FLAGS = {"warning", "warn", "information", "info"}

_lock = threading.Lock()
_state: dict = {}


def _processor():
    if "processor" not in _state:
        from saxonche import PySaxonProcessor

        _state["processor"] = PySaxonProcessor(license=False)
        _state["parse_lock"] = threading.Lock()
    return _state["processor"]


def _executable(relative: str):
    """(compiled stylesheet, its lock), compiling on first use."""
    with _lock:
        key = ("xslt", relative)
        if key not in _state:
            path = rulefiles.verified_path(relative)
            compiler = _processor().new_xslt30_processor()
            _state[key] = (compiler.compile_stylesheet(stylesheet_file=str(path)), threading.Lock())
        return _state[key]


def _node(tree):
    with _lock:
        _processor()
    text = etree.tostring(tree, encoding="unicode")
    with _state["parse_lock"]:
        return _state["processor"].parse_xml(xml_text=text)


def check(tree, profile: str) -> list[Finding]:
    """Findings of every stylesheet of ``profile`` for a parsed, DOCTYPE-free UBL tree."""
    stylesheets = rulefiles.stylesheets(profile)
    executables = [_executable(relative) for relative in stylesheets]
    node = _node(tree)
    findings: list[Finding] = []
    for relative, (executable, lock) in zip(stylesheets, executables, strict=True):
        with lock:
            try:
                svrl = executable.transform_to_string(xdm_node=node)
            except Exception as exc:  # a Saxon dynamic error: the rules could not evaluate it
                findings.append(Finding("XSLT-ERROR", FATAL, "", f"{relative} aborted: {exc}"))
                continue
        findings += parse_svrl(svrl)
    return findings


def parse_svrl(text: str) -> list[Finding]:
    doc = etree.fromstring(text.encode("utf-8"))
    found = []
    for tag in ("failed-assert", "successful-report"):
        for node in doc.iter(f"{{{SVRL}}}{tag}"):
            found.append(_finding(node))
    return found


def _finding(node) -> Finding:
    text_node = node.find(f"{{{SVRL}}}text")
    message = " ".join("".join(text_node.itertext()).split()) if text_node is not None else ""
    rule = node.get("id") or ""
    if not rule:
        match = re.match(r"\[([A-Za-z0-9-]+)\]", message)
        rule = match.group(1) if match else "?"
    flag = (node.get("flag") or node.get("role") or FATAL).lower()
    flag = WARNING if flag in _WARNING_FLAGS else FATAL
    return Finding(rule, flag, pretty_location(node.get("location")), message)


def pretty_location(location: str | None) -> str:
    """/Invoice/AccountingSupplierParty[1]/... instead of Saxon's namespace-laden paths."""
    if not location:
        return ""
    location = re.sub(r"Q\{[^}]*\}", "", location)
    return re.sub(r"\*:([A-Za-z0-9_]+)\[namespace-uri\(\)='[^']*'\]", r"\1", location)


def warm(profile: str) -> None:
    for relative in rulefiles.stylesheets(profile):
        _executable(relative)
