"""Core tables (prefix ``core_``)."""

from core.models.api_token import ApiToken
from core.models.audit import AuditEntry
from core.models.company import Company
from core.models.idempotency import IdempotencyRecord
from core.models.job import Job
from core.models.sequence import Sequence
from core.models.throttle import AuthThrottle
from core.models.user import MfaBackupCode, User

__all__ = [
    "ApiToken",
    "AuditEntry",
    "AuthThrottle",
    "Company",
    "IdempotencyRecord",
    "Job",
    "MfaBackupCode",
    "Sequence",
    "User",
]
