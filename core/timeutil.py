from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC timestamp: the same value on SQLite and PostgreSQL columns."""
    return datetime.now(UTC).replace(tzinfo=None)
