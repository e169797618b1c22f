"""``flask --app wsgi`` commands: companies, users, tokens, plugins, demo, verify, i18n.

Scripts rely on the last line of ``companies create``, ``users create`` and ``tokens create``
(an id, an id, the token alone), so those lines never change shape. Bad input ends with a
one-line ``Error: ...`` and exit code 1 (``click.ClickException``), never a traceback.
"""

from __future__ import annotations


def init_app(app) -> None:
    from core.cli.companies import companies
    from core.cli.demo import demo
    from core.cli.i18n import i18n
    from core.cli.plugins import plugins
    from core.cli.tokens import tokens
    from core.cli.users import users
    from core.cli.verify import verify

    for command in (companies, users, tokens, plugins, demo, verify, i18n):
        app.cli.add_command(command)
