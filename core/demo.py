"""Demo data: two companies and their users, then each plugin's own demo records.

Idempotent: companies are found by TRN and users by e-mail, so a second run changes nothing
(an existing user keeps the password it has now).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from core.auth.passwords import hash_password
from core.db import db
from core.models import Company, User
from core.models.user import COMPANY_ADMIN, FINANCE_USER, SUPER_ADMIN

DEMO_PASSWORD = "ledgerline-demo"

COMPANIES = [
    {
        "name": "Acme Trading LLC",
        "trn": "100123456700003",
        "country": "AE",
        "address_line1": "Office 1204, Bay Square Building 5",
        "address_line2": "Business Bay",
        "city": "Dubai",
        "subdivision": "AE-DU",
        "legal_id": "CN-1234567",
        "legal_id_type": "TL",
        "legal_id_authority": "Dubai Department of Economy and Tourism",
        "peppol_id": "0235:1001234567",
        "email": "accounts@acme.ae",
    },
    {
        "name": "Globex FZE",
        "trn": "100987654300003",
        "country": "AE",
        "address_line1": "Unit 7, Building A1, Dubai Silicon Oasis",
        "city": "Dubai",
        "subdivision": "AE-DU",
        "legal_id": "DSO-FZE-4471",
        "legal_id_type": "TL",
        "legal_id_authority": "Dubai Integrated Economic Zones Authority",
        "peppol_id": "0235:1009876543",
        "email": "accounts@globex.ae",
    },
]

# (e-mail, role, TRN of the company or None, full name)
USERS = [
    ("admin@acme.ae", COMPANY_ADMIN, "100123456700003", "Aisha Al Mansoori"),
    ("finance@acme.ae", FINANCE_USER, "100123456700003", "Farid Haddad"),
    ("admin@globex.ae", COMPANY_ADMIN, "100987654300003", "Grace Okafor"),
    ("root@ledgerline.local", SUPER_ADMIN, None, "Platform Operator"),
]


@dataclass
class DemoResult:
    companies: list[Company]
    users: list[User]
    created: int  # rows core created in this run (0 on a second run)


def seed() -> DemoResult:
    created = 0
    companies = {}
    for fields in COMPANIES:
        company, new = _company(fields)
        companies[company.trn] = company
        created += new
    users = []
    for email, role, trn, full_name in USERS:
        company = companies[trn] if trn else None
        user, new = _user(email, role, company, full_name)
        users.append(user)
        created += new
    db.session.commit()
    hook = current_app.extensions["ledgerline.plugins"].hook
    for company in companies.values():
        hook.seed_demo(company=company)
        db.session.commit()
    return DemoResult(list(companies.values()), users, created)


def _company(fields: dict) -> tuple[Company, bool]:
    found = db.session.scalar(select(Company).where(Company.trn == fields["trn"]))
    if found is not None:
        _fill_missing(found, fields)
        return found, False
    company = Company(**fields)
    db.session.add(company)
    db.session.flush()
    return company, True


def _fill_missing(company: Company, fields: dict) -> None:
    """A company seeded before a profile field existed gets the demo value; set values stay."""
    for name, value in fields.items():
        if getattr(company, name) is None:
            setattr(company, name, value)


def _user(email: str, role: str, company: Company | None, full_name: str) -> tuple[User, bool]:
    found = db.session.scalar(select(User).where(User.email == email))
    if found is not None:
        return found, False
    user = User(
        email=email,
        role=role,
        company_id=company.id if company else None,
        full_name=full_name,
        password_hash=hash_password(DEMO_PASSWORD),
    )
    db.session.add(user)
    db.session.flush()
    return user, True
