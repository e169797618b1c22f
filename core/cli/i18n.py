"""``flask i18n update`` / ``flask i18n check``: keep the translation catalogues complete."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

i18n = AppGroup("i18n", help="Translation catalogues (core's and each plugin's).")


def _catalogues():
    from core.i18n.extraction import catalogue_sources, extract

    plugins = current_app.extensions["ledgerline.plugins"].enabled()
    for name, directory, sources in catalogue_sources(plugins):
        yield name, directory, extract(sources)


@i18n.command("update")
def update_command():
    """Extract every message and merge it into each catalogue's .po files."""
    from core.i18n.extraction import TRANSLATED_LOCALES, update

    for name, directory, template in _catalogues():
        for locale in TRANSLATED_LOCALES:
            path = update(directory, template, locale)
            if path is not None:
                click.echo(f"{name}: {len(template)} messages -> {path}")


@i18n.command("check")
def check_command():
    """Exit 1 when a message has no translation; list them."""
    from core.i18n.extraction import TRANSLATED_LOCALES, untranslated

    missing = 0
    for name, directory, template in _catalogues():
        for locale in TRANSLATED_LOCALES:
            for message in untranslated(directory, template, locale):
                click.echo(f"{name} [{locale}]: {message}")
                missing += 1
    if missing:
        raise click.ClickException(f"{missing} messages without a translation")
    click.echo("OK: every message is translated")
