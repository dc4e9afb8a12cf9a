"""Reads of the outbox pages, scoped: staff see messages to people they may see."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import selectinload

from mentoring.access import is_admin
from mentoring.extensions import db
from mentoring.messages.outbox import HELD_UNCONFIRMED, NO_ADDRESS
from mentoring.models import (
    MenteeRequest,
    Message,
    MessageChannel,
    MessageState,
    StaffUser,
    Volunteer,
)
from mentoring.models.messages import SENDING_GRACE
from mentoring.pagination import paginate
from mentoring.scoping import visible_request_clause, visible_volunteer_clause

PER_PAGE = 50


def visible_clause(user: StaffUser) -> ColumnElement[bool]:
    clauses = [
        Message.volunteer_id.in_(select(Volunteer.id).where(visible_volunteer_clause(user))),
        Message.request_id.in_(select(MenteeRequest.id).where(visible_request_clause(user))),
    ]
    if is_admin(user):
        clauses.append(Message.staff_id.is_not(None))
    return or_(*clauses)


def _base(user: StaffUser):
    return (
        select(Message)
        .where(visible_clause(user))
        .options(selectinload(Message.volunteer), selectinload(Message.request))
    )


def waiting(user: StaffUser, page: int, now: datetime | None = None):
    """E-mails not yet out: waiting (also held or without a server), or being sent right now
    (an unclear one is under "Nicht zugestellt")."""
    now = now or datetime.now(UTC)
    query = _base(user).where(
        Message.channel == MessageChannel.EMAIL,
        or_(
            Message.state == MessageState.WAITING,
            (Message.state == MessageState.SENDING)
            & (Message.next_attempt_at >= now - SENDING_GRACE),
        ),
    )
    return paginate(query.order_by(Message.id.desc()), page=page, per_page=PER_PAGE)


def letters_to_print(user: StaffUser) -> list[Message]:
    """Letters waiting to be printed, oldest first (one PDF)."""
    return list(
        db.session.scalars(
            _base(user)
            .where(
                Message.channel == MessageChannel.LETTER,
                Message.state == MessageState.WAITING,
            )
            .order_by(Message.id)
            .limit(1000)
        )
    )


def undelivered(user: StaffUser, page: int, now: datetime | None = None):
    """Failed for good, or unclear (claimed, the worker died before recording the answer)."""
    now = now or datetime.now(UTC)
    query = _base(user).where(
        or_(
            Message.state == MessageState.FAILED,
            (Message.state == MessageState.SENDING)
            & (Message.next_attempt_at < now - SENDING_GRACE),
        )
    )
    return paginate(query.order_by(Message.id.desc()), page=page, per_page=PER_PAGE)


def of_person(kind: str, person_id: int) -> list[Message]:
    """Every message to the person, newest first (the caller checked the person's scope)."""
    column = Message.volunteer_id if kind == "volunteer" else Message.request_id
    return list(
        db.session.scalars(
            select(Message).where(column == person_id).order_by(Message.id.desc()).limit(200)
        )
    )


def state_word(message: Message, now: datetime | None = None) -> str:
    """The German state shown to staff, with the holds the state alone does not tell."""
    from mentoring.labels import label

    now = now or datetime.now(UTC)
    if message.unclear(now):
        return _("unklar (Zustellung nicht bestätigt)")
    if message.state is MessageState.WAITING and message.last_error == HELD_UNCONFIRMED:
        return _("wartet auf Bestätigung der E-Mail-Adresse")
    if message.state is MessageState.FAILED and message.last_error == NO_ADDRESS:
        return _("keine Anschrift – bitte anrufen")
    return label(message.state)
