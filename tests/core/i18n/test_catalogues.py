"""The catalogues: complete in Arabic, compiled at start-up, one per plugin and joined."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from babel.support import Translations

from core.i18n import catalogs, extraction


def enabled_plugins(app):
    return app.extensions["ledgerline.plugins"].enabled()


def test_every_message_in_the_code_has_an_arabic_translation(app):
    """Extracts like ``flask i18n update`` does; a new ``_("...")`` without an Arabic
    translation in its catalogue's ``ar`` .po fails here (run ``flask --app wsgi i18n
    update``, then translate the empty msgstr)."""
    missing = {}
    for name, directory, sources in extraction.catalogue_sources(enabled_plugins(app)):
        template = extraction.extract(sources)
        gaps = extraction.untranslated(directory, template, "ar")
        if gaps:
            missing[name] = gaps
    assert missing == {}


def test_po_files_are_compiled_into_the_instance_folder_not_the_source_tree(app):
    compiled = Path(app.instance_path) / "translations" / "core" / "ar" / "LC_MESSAGES"
    assert (compiled / "messages.mo").is_file()
    assert not list(catalogs.CORE_CATALOGUE.rglob("*.mo"))  # no binaries beside the .po


def _po(directory: Path, messages: dict[str, str]) -> Path:
    catalog = Catalog(locale="ar")
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    path = directory / "ar" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as f:
        write_po(f, catalog)
    return path


def test_a_third_party_plugin_ships_its_own_catalogue_and_may_reword_cores(tmp_path):
    plugin_dir = tmp_path / "ledgerline_acme"
    _po(plugin_dir / "translations", {"Acme widgets": "أدوات أكمي", "Sign out": "خروج"})
    plugin = SimpleNamespace(name="acme", path=plugin_dir)
    app = SimpleNamespace(instance_path=str(tmp_path / "instance"))
    directories = catalogs.compiled_directories(app, [plugin])
    assert [d.name for d in directories] == ["core", "acme"]
    merged = None
    for directory in directories:
        loaded = Translations.load(str(directory), ["ar"])
        merged = loaded if merged is None else merged.merge(loaded)
    assert merged.gettext("Acme widgets") == "أدوات أكمي"
    assert merged.gettext("Dubai") == "دبي"  # core's messages are still there
    assert merged.gettext("Sign out") == "خروج"  # the later catalogue wins


def test_a_changed_po_is_compiled_again(tmp_path):
    po = _po(tmp_path / "src", {"Hello": "مرحبا"})
    mo = tmp_path / "out" / "messages.mo"
    catalogs.compile_po(po, mo)
    first = mo.read_bytes()
    catalogs.compile_po(po, mo)
    assert mo.read_bytes() == first
    po.write_text(po.read_text().replace("مرحبا", "أهلا"))
    catalogs.compile_po(po, mo)
    with mo.open("rb") as f:
        assert Translations(f).gettext("Hello") == "أهلا"


@pytest.mark.parametrize("locale", extraction.TRANSLATED_LOCALES)
def test_catalogue_headers_are_not_fuzzy_so_plural_forms_load(locale):
    text = extraction.po_path(catalogs.CORE_CATALOGUE, locale).read_text()
    assert '#, fuzzy\nmsgid ""' not in text
    assert "Plural-Forms: nplurals=6" in text
