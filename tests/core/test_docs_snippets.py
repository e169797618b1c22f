"""Code in docs/plugins.md marked ``<!-- from: PATH -->`` is a verbatim excerpt of PATH, a file
the tests run (scaffold templates are read with the example plugin's name, ``crm_notes``)."""

from __future__ import annotations

import re
from string import Template

from core import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "plugins.md"
SNIPPET = re.compile(r"<!-- from: (\S+) -->\n```\w*\n(.*?)```", re.DOTALL)
EXAMPLE = {"name": "crm_notes", "title": "Crm Notes"}


def snippets(text: str) -> list[tuple[str, str]]:
    return SNIPPET.findall(text)


def source(path: str) -> str:
    text = (PROJECT_ROOT / path).read_text()
    return Template(text).substitute(EXAMPLE) if path.endswith(".tmpl") else text


def test_the_docs_include_snippets_from_tested_files():
    found = snippets(DOC.read_text())
    assert len(found) >= 2
    for path, code in found:
        assert code in source(path), f"docs/plugins.md: snippet from {path} differs from the file"


def test_a_drifted_snippet_is_noticed():
    path = "core/scaffold/plugin/ledgerline___name__/templates/__name__/index.html.tmpl"
    drifted = f'<!-- from: {path} -->\n```html\nhx-trigger="crm_notes_note_added from:body"\n```'
    ((_, code),) = snippets(drifted)
    assert code not in source(path)
