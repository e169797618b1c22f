"""One sending round of a transmission: providers in priority order behind their circuit
breakers, each call kept as an attempt; then SENT, PERMANENTLY_FAILED or FAILED (retry).

No database transaction stays open during a provider call: the row is claimed and committed
first, and every attempt is committed as soon as it is known.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select, update

from core.api import db, utcnow
from plugins.peppol import accounts, circuit, metrics, notify, states
from plugins.peppol.errors import ProviderError, TransientError
from plugins.peppol.models import (
    FAILED,
    PERMANENTLY_FAILED,
    QUEUED,
    SENDING,
    SENT,
    Attempt,
    Transmission,
)
from plugins.peppol.providers.base import Outgoing, SendResult


def send_round(transmission_id: int) -> str | None:
    """Claim the transmission (QUEUED or FAILED) and run one round; return its new state."""
    t = db.session.get(Transmission, transmission_id)
    if t is None or not _claim(t):
        db.session.rollback()
        return t.state if t is not None else None
    doc, company_id = outgoing(t), t.company_id
    candidates = accounts.senders(company_id)
    db.session.commit()
    errors, called = [], False
    for candidate in candidates:
        if not circuit.try_pass(candidate.id, candidate.opened_at):
            errors.append(f"{candidate.name}: circuit open")
            continue
        called = True
        result, error = _call(t, candidate, doc)
        if result is not None:
            return _sent(t, candidate, result)
        errors.append(f"{candidate.name}: {error.message}")
        if not error.transient:
            return _failed_for_good(t, error.error_class, error.message)
    if not candidates:
        errors.append("no enabled provider account can send")
    return _round_failed(t, "; ".join(errors), counted=called)


def abandon(transmission_id: int, message: str) -> None:
    """A round that crashed after its claim: back to FAILED, so a later round retries it."""
    db.session.rollback()
    t = db.session.get(Transmission, transmission_id)
    if t is not None and t.state == SENDING:
        _round_failed(t, f"round stopped: {message}")


def _claim(t: Transmission) -> bool:
    claimed = db.session.execute(
        update(Transmission)
        .where(Transmission.id == t.id, Transmission.state.in_((QUEUED, FAILED)))
        .values(
            state=SENDING,
            attempt_count=Transmission.attempt_count + 1,
            next_attempt_at=None,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    db.session.expire(t)
    states.announce(t.id, t.company_id, t.invoice_id, SENDING)
    return True


def outgoing(t: Transmission) -> Outgoing:
    return Outgoing(
        xml=t.xml.encode(),
        instance_id=t.instance_id,
        sender_id=t.sender_id,
        receiver_id=t.receiver_id,
        document_type=t.document_type,
        profile=t.profile,
        number=t.document_number,
    )


def _call(t: Transmission, candidate, doc: Outgoing):
    """Send through one provider; keep the attempt; return (result, None) or (None, error)."""
    started, clock = utcnow(), time.perf_counter()
    try:
        result, error = candidate.adapter.send(doc), None
    except ProviderError as exc:
        result, error = None, exc
    except Exception as exc:  # an adapter bug must not lose the attempt or stop failover
        result, error = None, TransientError("unexpected", f"{type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - clock
    latency = int(seconds * 1000)
    _keep_attempt(t, candidate, doc, started, latency, result, error)
    if error is None:
        circuit.record_success(candidate.id, latency)
    elif error.transient:
        circuit.record_failure(candidate.id, error.message, latency)
    else:  # the provider answered (it is up); the document is what it refused
        circuit.record_success(candidate.id, latency)
    db.session.commit()
    outcome = "ok" if error is None else "transient" if error.transient else "permanent"
    metrics.observe_attempt(candidate.name, candidate.type, outcome, seconds)
    return result, error


def _keep_attempt(t, candidate, doc, started, latency, result: SendResult | None, error):
    number = db.session.scalar(
        select(func.count()).select_from(Attempt).where(Attempt.transmission_id == t.id)
    )
    db.session.add(
        Attempt(
            company_id=t.company_id,
            transmission_id=t.id,
            provider_id=candidate.id,
            provider_name=candidate.name,
            number=number + 1,
            instance_id=doc.instance_id,
            started_at=started,
            latency_ms=latency,
            outcome="ok" if error is None else "transient" if error.transient else "permanent",
            error_class=None if error is None else error.error_class,
            status_code=result.status_code if result else error.status_code,
            request_id=result.request_id if result else error.request_id,
            answer=((result.answer if result else error.answer or error.message) or "")[:2000],
        )
    )


def _sent(t: Transmission, candidate, result: SendResult) -> str:
    states.move(
        t,
        SENT,
        expect=(SENDING,),
        provider_id=candidate.id,
        provider_name=candidate.name,
        provider_message_id=result.message_id,
        error_class=None,
        last_error=None,
    )
    db.session.commit()
    return SENT


def _failed_for_good(t: Transmission, error_class: str, message: str) -> str:
    states.move(
        t, PERMANENTLY_FAILED, expect=(SENDING,), error_class=error_class, last_error=message
    )
    notify.transmission_failed(t, error_class, message)
    db.session.commit()
    return PERMANENTLY_FAILED


def _round_failed(t: Transmission, message: str, counted: bool = True) -> str:
    """Retry later; a round in which every circuit was open called nobody and is not
    counted against PEPPOL_MAX_ATTEMPTS."""
    db.session.refresh(t)
    rounds = t.attempt_count if counted else t.attempt_count - 1
    if counted and rounds >= int(current_app.config["PEPPOL_MAX_ATTEMPTS"]):
        return _failed_for_good(
            t, "retries_exhausted", f"gave up after {t.attempt_count} rounds: {message}"
        )
    due = utcnow() + timedelta(seconds=backoff(max(rounds, 1)))
    states.move(
        t,
        FAILED,
        expect=(SENDING,),
        error_class="transient",
        last_error=message,
        next_attempt_at=due,
        attempt_count=rounds,
    )
    notify.transmission_failed(t, "transient", message)
    db.session.commit()
    return FAILED


def backoff(rounds: int) -> float:
    """Exponential backoff with full jitter: a random wait in [base*2^(n-1)/2, base*2^(n-1)]."""
    base = float(current_app.config["PEPPOL_RETRY_BASE_SECONDS"])
    cap = float(current_app.config["PEPPOL_RETRY_MAX_SECONDS"])
    ceiling = min(cap, base * 2 ** max(0, rounds - 1))
    return random.uniform(ceiling / 2, ceiling)
