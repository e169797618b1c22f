"""Who is acting: one object for sessions, API tokens and Socket.IO connections."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.models.user import SUPER_ADMIN


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    email: str
    role: str
    company_id: int | None
    permissions: frozenset[str] = field(default_factory=frozenset)
    via: str = "session"  # session | token | system
    scopes: frozenset[str] = field(default_factory=frozenset)
    token_id: int | None = None
    name: str | None = None  # the user's full name, when they gave one
    locale: str | None = None  # the user's language setting (None: from the browser)
    timezone: str | None = None  # the user's time zone setting (None: the company's)
    company_locale: str | None = None  # the company's default language
    company_timezone: str | None = None  # the company's default time zone

    @property
    def is_super_admin(self) -> bool:
        return self.role == SUPER_ADMIN

    @property
    def can_write(self) -> bool:
        """SUPER_ADMIN is read-only; an API token writes only with the ``write`` scope."""
        if self.is_super_admin:
            return False
        return self.via != "token" or "write" in self.scopes

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def display_name(self) -> str:
        """What pages call the user: the full name, else the e-mail address."""
        return self.name or self.email

    @property
    def label(self) -> str:
        return f"{self.email} (token #{self.token_id})" if self.token_id else self.email


SYSTEM = Actor(user_id=None, email="system", role="SYSTEM", company_id=None, via="system")
