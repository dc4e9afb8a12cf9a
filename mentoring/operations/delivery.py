"""Deliver one queued e-mail, at most once: claim and commit, send, record and commit.

    1. claim   UPDATE … SET state='sending' WHERE id=… AND state='waiting' AND due   → COMMIT
    2. send    the SMTP transaction (mentoring.messages.smtp)
    3. record  sent / waiting with a later next_attempt_at / failed                  → COMMIT

Only one worker wins the claim (an atomic UPDATE on both databases), so duplicate queue entries
are harmless. A worker that dies between 1 and 3 leaves the row in "sending": the message may
have gone out, so it is never sent again by itself; staff see it as "unklar" and may resend.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from mentoring.extensions import db
from mentoring.messages import smtp
from mentoring.messages.outbox import HELD_UNCONFIRMED, wake
from mentoring.models import Message, MessageChannel, MessageState

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


def mail_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def _due(now: datetime):
    return (
        (Message.state == MessageState.WAITING)
        & (Message.channel == MessageChannel.EMAIL)
        & or_(Message.last_error.is_(None), Message.last_error != HELD_UNCONFIRMED)
        & or_(Message.next_attempt_at.is_(None), Message.next_attempt_at <= now)
    )


def due_message_ids(limit: int = 500, now: datetime | None = None) -> list[int]:
    """E-mails waiting and due (the sweep hands them to the queue again)."""
    ids = list(
        db.session.scalars(
            select(Message.id).where(_due(now or _now())).order_by(Message.id).limit(limit)
        )
    )
    db.session.rollback()
    return ids


def deliver(message_id: int, *, now: datetime | None = None) -> str:
    """Send the message if it is still waiting and due; returns what happened ("sent",
    "retry", "failed", "unclear", "skipped", "kept": no MAIL_SERVER configured)."""
    if not mail_configured():
        return "kept"
    now = now or _now()
    config = current_app.config
    message = db.session.get(Message, message_id)
    if (
        message is None
        or not db.session.execute(
            select(Message.id).where(Message.id == message_id, _due(now))
        ).first()
    ):
        db.session.rollback()
        return "skipped"
    mime = smtp.build_mime(message, config)  # before the claim: a broken message stays waiting
    recipient = message.to_address
    claimed = db.session.execute(
        update(Message)
        .where(Message.id == message_id, _due(now))
        .values(
            state=MessageState.SENDING,
            attempts=Message.attempts + 1,
            next_attempt_at=now,  # the claim time: "unklar" once SENDING_GRACE has passed
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if claimed != 1:
        return "skipped"
    try:
        smtp.send(mime, recipient, config)
    except smtp.UnclearFailure as failure:
        return _record_unclear(message_id, failure.code)
    except smtp.PermanentFailure as failure:
        return _record_failed(message_id, failure.code)
    except smtp.TemporaryFailure as failure:
        return _record_retry(message_id, failure.code)
    finally:
        smtp.finish()
    return _record_sent(message_id)


def _record_sent(message_id: int) -> str:
    db.session.execute(
        update(Message)
        .where(Message.id == message_id)
        .values(state=MessageState.SENT, sent_at=_now(), last_error=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    log.info("message sent id=%s", message_id)
    return "sent"


def _record_failed(message_id: int, code: str) -> str:
    db.session.execute(
        update(Message)
        .where(Message.id == message_id)
        .values(state=MessageState.FAILED, last_error=code, next_attempt_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    log.warning("message failed id=%s error=%s", message_id, code)
    return "failed"


def _record_unclear(message_id: int, code: str) -> str:
    db.session.execute(
        update(Message)
        .where(Message.id == message_id)
        .values(last_error=code)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    log.warning("message unclear id=%s error=%s", message_id, code)
    return "unclear"


def retry_delay(attempts: int) -> timedelta:
    """20 s, 40 s, 80 s … doubling, at most MESSAGE_RETRY_MAX_SECONDS (2 h)."""
    config = current_app.config
    first = config["MESSAGE_RETRY_FIRST_SECONDS"]
    seconds = min(first * 2 ** max(attempts - 1, 0), config["MESSAGE_RETRY_MAX_SECONDS"])
    return timedelta(seconds=seconds)


def _record_retry(message_id: int, code: str) -> str:
    message = db.session.get(Message, message_id)
    db.session.refresh(message)
    now = _now()
    retry_at = now + retry_delay(message.attempts)
    if retry_at > message.created_at + timedelta(hours=current_app.config["MESSAGE_RETRY_HOURS"]):
        return _record_failed(message_id, code)
    message.state, message.last_error, message.next_attempt_at = (
        MessageState.WAITING,
        code,
        retry_at,
    )
    wake(message, retry_at)
    db.session.commit()
    log.info("message retry id=%s error=%s attempt=%s", message_id, code, message.attempts)
    return "retry"
