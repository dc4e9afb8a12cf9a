"""The outbox: every message the application sends (e-mail or letter), one row each.

A row is written in the same transaction as the change that causes it (mentoring.messages.outbox
`queue_message`); the worker (mentoring.messages.worker) delivers it afterwards. States:

    waiting ──claim──▶ sending ──250──▶ sent
       ▲                  │ 4xx / no connection: waiting again, next_attempt_at later
       └──────────────────┤ 5xx or 24 h of retries: failed
                          └ worker died: stays "sending" (shown as "unklar", never resent itself)
    letters: waiting ──staff print──▶ printed

`last_error` holds a short code (e.g. "smtp_550", "connection"), never personal data.
"""

import enum
from datetime import datetime, timedelta

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.extensions import db
from mentoring.models.types import UTCDateTime, utcnow, value_enum

# Longer than any SMTP transaction (smtplib timeout 30 s per step).
SENDING_GRACE = timedelta(minutes=5)


class MessageKind(enum.StrEnum):
    """What a message is about; each has templates/messages/<value>.txt and .html."""

    SIGNUP_CONFIRMATION = "signup_confirmation"
    SELF_SERVICE_LINK = "self_service_link"
    EMAIL_CHANGE_CONFIRMATION = "email_change_confirmation"


class MessageChannel(enum.StrEnum):
    EMAIL = "email"
    LETTER = "letter"


class MessageState(enum.StrEnum):
    WAITING = "waiting"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    PRINTED = "printed"


class Message(db.Model):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_state_next_attempt_at", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # What the message is about: a template name under templates/messages/ (signup_confirmation …).
    kind: Mapped[str] = mapped_column(String(40))
    channel: Mapped[MessageChannel] = mapped_column(value_enum(MessageChannel))
    locale: Mapped[str] = mapped_column(String(8), default="de")
    # The recipient: at most one of the three; SET NULL keeps the message (and the counts) when a
    # row goes. The address is copied, so the message shows where it really went.
    volunteer_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteers.id", ondelete="SET NULL"), index=True
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentee_requests.id", ondelete="SET NULL"), index=True
    )
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL"), index=True
    )
    # E-mail address, or the postal address lines of a letter. Cleared by erasure.
    to_address: Mapped[str | None] = mapped_column(Text)
    # Subject and bodies: cleared after MESSAGE_BODY_RETENTION_DAYS and by erasure.
    subject: Mapped[str | None] = mapped_column(String(200))
    body_text: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    # [{"filename": "treffen.ics", "content_type": "text/calendar; method=REQUEST",
    #   "content": "BEGIN:VCALENDAR…"}]: text attachments only.
    attachments: Mapped[list | None] = mapped_column(JSON(none_as_null=True))
    # RFC 5322 Message-ID with the angle brackets; the worker marks by it.
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    state: Mapped[MessageState] = mapped_column(
        value_enum(MessageState), default=MessageState.WAITING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Delivered to the SMTP server (e-mail) or marked printed (letter).
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    body_deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A staff resend is a new message pointing at the one it repeats.
    resend_of_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))

    resend_of: Mapped["Message | None"] = relationship(remote_side=[id])
    volunteer: Mapped["Volunteer | None"] = relationship()  # noqa: F821
    request: Mapped["MenteeRequest | None"] = relationship()  # noqa: F821
    staff: Mapped["StaffUser | None"] = relationship()  # noqa: F821

    def unclear(self, now: datetime) -> bool:
        """Claimed for sending (claim time in next_attempt_at) more than SENDING_GRACE ago and
        never recorded: the worker died in the SMTP transaction. Staff decide on a resend."""
        return (
            self.state is MessageState.SENDING
            and self.next_attempt_at is not None
            and now - self.next_attempt_at > SENDING_GRACE
        )
