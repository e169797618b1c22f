"""Permission names and the roles that hold them; plugins add theirs via a hook."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from core.models.user import COMPANY_ADMIN, FINANCE_USER, SUPER_ADMIN


@dataclass(frozen=True)
class Permission:
    name: str
    roles: tuple[str, ...] = (COMPANY_ADMIN,)
    description: str = ""
    write: bool = True


CORE_PERMISSIONS = [
    Permission("core.company.read", (COMPANY_ADMIN, FINANCE_USER), "See the company", False),
    Permission("core.company.update", (COMPANY_ADMIN,), "Edit the company profile"),
    Permission("core.users.manage", (COMPANY_ADMIN,), "Manage users of the company"),
    Permission("core.tokens.manage", (COMPANY_ADMIN, FINANCE_USER), "Create own API tokens"),
    Permission("core.audit.read", (COMPANY_ADMIN, FINANCE_USER), "Read the audit log", False),
    Permission("core.jobs.read", (COMPANY_ADMIN, FINANCE_USER), "See background jobs", False),
    Permission("core.apps.read", (COMPANY_ADMIN, FINANCE_USER), "See installed apps", False),
]


def all_permissions() -> list[Permission]:
    return current_app.extensions["ledgerline.permissions"]


def collect(plugins) -> list[Permission]:
    perms = list(CORE_PERMISSIONS)
    for batch in plugins.hook.register_permissions():
        perms.extend(batch or [])
    names = [p.name for p in perms]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise RuntimeError(f"permission declared twice: {', '.join(sorted(dupes))}")
    return perms


def for_role(role: str) -> frozenset[str]:
    """SUPER_ADMIN holds every read permission of every company, and nothing that writes.

    Worked out once per role and app (the app's permissions are collected at start-up):
    every request's actor asks."""
    perms = all_permissions()
    known = current_app.extensions.setdefault("ledgerline.role_permissions", {})
    key = (id(perms), len(perms), role)
    if key not in known:
        known[key] = _of_role(perms, role)
    return known[key]


def _of_role(perms, role: str) -> frozenset[str]:
    if role == SUPER_ADMIN:
        return frozenset(p.name for p in perms if not p.write)
    return frozenset(p.name for p in perms if role in p.roles)
