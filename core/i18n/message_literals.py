"""Find error messages in Python code that skip the catalogue.

A message people read is one given to a refusal (``NotFound``, ``Conflict``, ``Refused``,
``ValidationFailed``, ``ApiError``, ``validation_failed``, a form's ``ValidationError``, the
importer's and jobs' refusals), one flashed, one put in a field-error dict
(``errors["name"] = "is required"``), or one returned by a ``*_error`` check. Each must be a
``_()`` / ``gettext`` / ``lazy_gettext`` call, not a plain or f-string literal. Codes
(``"stale_version"``: no space, no full stop) are not messages.
"""

from __future__ import annotations

import ast

MESSAGE_CALLS = frozenset(
    {
        "NotFound",
        "Conflict",
        "Refused",
        "ValidationFailed",
        "validation_failed",
        "ApiError",
        "DomainError",
        "ValidationError",
        "StopValidation",
        "flash",
        "invalid_parameter",
        "refuse",
        "ImportRefused",
        "ImportFileError",
        "ArchiveRefused",
        "JobRefused",
        "DuplicateBill",
        "TenantWriteRefused",
        "abort",
        "lock_in",
        "StaleVersion",
        "exact_decimal",  # its two messages: a float, a string that is no number
        "SelectChoice",  # a choice's label: "Choose a customer…"
        "IdentifierError",  # a TRN, VAT id or Peppol id refused: shown under the field
    }
)
ERROR_DICTS = frozenset({"errors", "fields", "problems", "bad"})
CHECK_SUFFIXES = ("_error", "_problem")


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _messages(node: ast.expr | None) -> list[ast.expr]:
    """The literals ``node`` can give: itself, either side of ``a if c else b``, or the value
    of a dict comprehension (``{name: "Unknown field." for name in fields}``)."""
    if isinstance(node, ast.IfExp):
        return [*_messages(node.body), *_messages(node.orelse)]
    if isinstance(node, ast.DictComp):
        return _messages(node.value)
    return [node] if is_message(node) else []


def is_message(node: ast.expr | None) -> bool:
    """A literal that reads as prose: an f-string, or text with a space or a full stop."""
    if isinstance(node, ast.JoinedStr):
        return True
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    text = node.value.strip()
    return " " in text or text.endswith(".")


class _Finder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self.functions: list[str] = []

    def _add(self, node: ast.expr) -> None:
        self.found.append((node.lineno, ast.unparse(node)[:80]))

    def visit_FunctionDef(self, node) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        if _name(node.func) in MESSAGE_CALLS:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                values = arg.values if isinstance(arg, ast.Dict) else [arg]
                for value in values:
                    if is_message(value):
                        self._add(value)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            named = target.value if isinstance(target, ast.Subscript) else target
            if isinstance(named, ast.Name) and named.id in ERROR_DICTS:
                for literal in _messages(node.value):
                    self._add(literal)
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        if self.functions and self.functions[-1].endswith(CHECK_SUFFIXES):
            for literal in _messages(node.value):
                self._add(literal)
        self.generic_visit(node)


def untranslated_messages(source: str) -> list[tuple[int, str]]:
    """``(line, literal)`` of every message in ``source`` that is not a catalogue call."""
    finder = _Finder()
    finder.visit(ast.parse(source))
    return finder.found
