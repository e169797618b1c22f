"""What the Apps page, ``/api/v1/plugins`` and ``flask plugins list`` report about plugins.

Installed is not enabled: every installed plugin is listed, with whether it is enabled, its
dependencies, the hooks it implements and the state of its Alembic branch (the revision the
database has applied against the newest revision the plugin ships).
"""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import to_tuple

from core import PROJECT_ROOT
from core.migrations import version_locations


def describe_plugins(app, with_migrations: bool = True) -> list[dict]:
    plugins = app.extensions["ledgerline.plugins"]
    enabled = set(plugins.order)
    migrations = _MigrationState(app) if with_migrations else None
    rows = []
    for name in sorted(plugins.installed):
        info = plugins.installed[name]
        m = info.manifest
        rows.append(
            {
                "name": name,
                "version": m.version,
                "summary": str(m.summary),  # a lazy text: in the reader's language
                "enabled": name in enabled,
                "distribution": info.distribution,
                "depends": list(m.depends),
                "uses": list(m.uses),
                "hooks": plugins.hooks_of(name) if name in enabled else declared_hooks(info),
                "migrations": migrations.of(info) if migrations else None,
            }
        )
    return rows


def declared_hooks(info) -> list[str]:
    """Hooks a disabled plugin would implement (it is not registered with pluggy)."""
    module = info.module
    return sorted(n for n in dir(module) if hasattr(getattr(module, n), "ledgerline_impl"))


def script_directory(app) -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("path_separator", "space")
    config.set_main_option("version_locations", " ".join(version_locations(app)))
    return ScriptDirectory.from_config(config)


def applied_heads(app) -> tuple[str, ...]:
    # The session's own connection: on SQLite a second connection would wait for the
    # request's write lock (every transaction there begins IMMEDIATE).
    conn = app.extensions["sqlalchemy"].session.connection()
    return tuple(MigrationContext.configure(conn).get_current_heads())


def ancestry(script: ScriptDirectory, heads) -> set[str]:
    """Every revision at or below ``heads`` (``depends_on`` included), one head at a time
    because Alembic refuses to walk heads that overlap."""
    found: set[str] = set()
    for head in heads:
        found.update(r.revision for r in script.iterate_revisions(head, "base"))
    return found


class _MigrationState:
    """Applied revision vs. shipped head, per plugin branch (by the folder a revision is in)."""

    def __init__(self, app) -> None:
        self.script = script_directory(app)
        self.error = None
        try:
            heads = applied_heads(app)
            self.applied = ancestry(self.script, heads)
        except Exception as exc:  # an unreachable database is a state to show, not a crash
            self.applied, self.error = set(), str(exc).splitlines()[0]

    def of(self, info) -> dict | None:
        folder = info.migrations_dir.resolve()
        own = [
            s
            for s in self.script.walk_revisions()
            if s.path and Path(s.path).resolve().parent == folder
        ]
        if not own:
            return None
        head = _tip(own)
        done = [s for s in own if s.revision in self.applied]
        current = _tip(done) if done else None
        return {
            "branch": info.name,
            "head": head,
            "applied": current,
            "up_to_date": current == head,
            "error": self.error,
        }


def _tip(revisions) -> str:
    """The revision no other one in the list builds on (the branch's newest)."""
    below = set()
    for s in revisions:
        below.update(to_tuple(s.down_revision, default=()))
    tips = [s.revision for s in revisions if s.revision not in below]
    return ",".join(sorted(tips))
