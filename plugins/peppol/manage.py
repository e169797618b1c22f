"""Creating, changing and removing provider accounts (shared by the API and the pages)."""

from __future__ import annotations

from sqlalchemy import select, update

from core.api import Conflict, ValidationFailed, db
from core.api import gettext as _
from plugins.peppol.models import Attempt, ProviderAccount, Settings, Transmission
from plugins.peppol.providers.registry import provider_types
from plugins.peppol.secrets import seal, unseal

SECRET_FIELDS = ("api_key", "api_secret", "client_id", "client_secret", "token", "token_secret")


def create(company_id: int, data: dict) -> ProviderAccount:
    account = ProviderAccount(company_id=company_id, settings={})
    _apply(account, data, creating=True)
    db.session.add(account)
    db.session.flush()
    return account


def change(account: ProviderAccount, data: dict) -> ProviderAccount:
    _apply(account, data, creating=False)
    db.session.flush()
    return account


def remove(account: ProviderAccount) -> None:
    """Delete the account; attempts keep its name, transmissions their provider name."""
    for model in (Attempt, Transmission):
        db.session.execute(
            update(model)
            .where(model.provider_id == account.id)
            .values(provider_id=None)
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        update(Settings)
        .where(Settings.forward_provider_id == account.id)
        .values(forward_provider_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.delete(account)
    db.session.flush()


def _apply(account: ProviderAccount, data: dict, creating: bool) -> None:
    errors: dict[str, str] = {}
    if creating or "name" in data:
        account.name = _name(data.get("name"), errors)
    if creating or "type" in data:
        account.type = _type(data.get("type"), errors)
    if "priority" in data or creating:
        account.priority = _priority(data.get("priority", 100), errors)
    if "base_url" in data:
        account.base_url = _url(data.get("base_url"), errors)
    if "enabled" in data:
        account.enabled = _flag(data["enabled"], "enabled", errors)
    _settings(account, data, errors)
    _credentials(account, data)
    needs_url = account.type in ("http_forward", "tradeshift", "basware")
    if not errors and needs_url and not account.base_url:
        errors["base_url"] = _(
            "A %(account_type)s account needs a base URL.", account_type=account.type
        )
    if errors:
        raise ValidationFailed(errors)
    _unique_name(account)


def _name(value, errors) -> str:
    name = str(value or "").strip()
    if not name or len(name) > 100:
        errors["name"] = _("Give the account a name of 1 to 100 characters.")
    return name


def _type(value, errors) -> str:
    known = provider_types()
    if value not in known:
        errors["type"] = _("type must be one of %(names)s.", names=", ".join(sorted(known)))
    return str(value or "")


def _priority(value, errors) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        errors["priority"] = _("priority is a whole number (lower goes first).")
        return 100
    return int(value)


def _url(value, errors) -> str | None:
    from plugins.peppol.urls import problem

    if value in (None, ""):
        return None
    why = problem(str(value))
    if why:
        errors["base_url"] = _("base_url %(why)s.", why=why)
    return str(value)


def _flag(value, name, errors) -> bool:
    if not isinstance(value, bool):
        errors[name] = _("%(name)s is true or false.", name=name)
    return bool(value)


def _settings(account: ProviderAccount, data: dict, errors) -> None:
    settings = dict(account.settings or {})
    if "settings" in data:
        if not isinstance(data["settings"], dict):
            errors["settings"] = _("settings is an object of non-secret options.")
        else:
            settings.update(data["settings"])
    if "outbound" in data:
        settings["outbound"] = _flag(data["outbound"], "outbound", errors)
    account.settings = settings


def _credentials(account: ProviderAccount, data: dict) -> None:
    given = {k: str(data[k]) for k in SECRET_FIELDS if data.get(k) not in (None, "")}
    if given:
        account.credentials_encrypted = seal({**unseal(account.credentials_encrypted), **given})


def _unique_name(account: ProviderAccount) -> None:
    clash = db.session.scalar(
        select(ProviderAccount.id).where(
            ProviderAccount.company_id == account.company_id,
            ProviderAccount.name == account.name,
            ProviderAccount.id != (account.id or 0),
        )
    )
    if clash:
        raise Conflict(
            "duplicate_name",
            _("A provider account named %(account_name)s exists.", account_name=repr(account.name)),
        )
