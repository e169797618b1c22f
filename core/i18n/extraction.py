"""Extract each catalogue's messages from its sources and keep its ``.po`` files in step.

Core's catalogue covers ``core/`` and the app shell ``templates/``; a plugin's covers its
package (Python and ``templates/``). Used by ``flask i18n update`` / ``flask i18n check`` and
by the test that fails when a message has no Arabic translation.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from core import PROJECT_ROOT
from core.i18n.catalogs import CORE_CATALOGUE, DOMAIN

METHODS = [("**.html", "jinja2"), ("**/templates/**.txt", "jinja2"), ("**.py", "python")]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "lazy_pgettext": ((1, "c"), 2),
    "_l": None,
    "N_": None,
}
TRANSLATED_LOCALES = ("ar",)


def catalogue_sources(plugins) -> list[tuple[str, Path, list[Path]]]:
    """``(name, catalogue directory, source directories)`` for core and each plugin."""
    found = [("core", CORE_CATALOGUE, [PROJECT_ROOT / "core", PROJECT_ROOT / "templates"])]
    found += [(p.name, p.path / "translations", [p.path]) for p in plugins]
    return found


def extract(sources: list[Path]) -> Catalog:
    template = Catalog(domain=DOMAIN, project="Ledgerline")
    for source in sources:
        messages = extract_from_dir(
            str(source),
            method_map=[(pattern, method) for pattern, method in METHODS],
            keywords=KEYWORDS,
            comment_tags=("Translators:",),
        )
        for filename, lineno, message, comments, context in messages:
            path = f"{source.name}/{filename}"
            template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def po_path(directory: Path, locale: str) -> Path:
    return directory / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def update(directory: Path, template: Catalog, locale: str) -> Path | None:
    """Merge ``template`` into the locale's ``.po`` (kept translations; gone ones dropped)."""
    path = po_path(directory, locale)
    if not path.exists() and not len(template):
        return None  # nothing to translate yet: no empty catalogue
    if path.exists():
        with path.open("rb") as f:
            catalog = read_po(f, locale=locale)
    else:
        catalog = Catalog(
            locale=locale,
            domain=DOMAIN,
            project="Ledgerline",
            copyright_holder="the Ledgerline authors",
            last_translator="Ledgerline",
            language_team="Ledgerline",
        )
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.fuzzy = False  # a fuzzy header would be left out of the .mo (plural forms too)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, sort_output=True, include_lineno=False, width=100)
    return path


def untranslated(directory: Path, template: Catalog, locale: str) -> list[str]:
    """Messages of ``template`` with no (or only a fuzzy) translation in the locale's file."""
    path = po_path(directory, locale)
    known = {}
    if path.exists():
        with path.open("rb") as f:
            for message in read_po(f, locale=locale):
                if message.id and message.string and not message.fuzzy:
                    known[(message.id, message.context)] = message.string
    missing = []
    for message in template:
        if not message.id:
            continue
        string = known.get((message.id, message.context))
        if not string or (isinstance(string, tuple) and not all(string)):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing
