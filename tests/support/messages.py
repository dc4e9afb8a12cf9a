"""A few messages in every state, for pages and screenshots that need an outbox with content."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.messages.flows import signup_confirmation
from mentoring.models import MenteeRequest, MessageState, Volunteer


def sample_messages() -> dict[str, int]:
    """Waiting, failed (5xx), unclear, sent e-mails and a letter; returns their ids by name."""
    volunteers = db.session.scalars(select(Volunteer).order_by(Volunteer.id).limit(4)).all()
    requests = db.session.scalars(select(MenteeRequest).order_by(MenteeRequest.id).limit(2)).all()
    waiting = signup_confirmation("volunteer", volunteers[0])
    failed = signup_confirmation("volunteer", volunteers[1])
    failed.state, failed.last_error, failed.attempts = MessageState.FAILED, "smtp_550", 1
    unclear = signup_confirmation("request", requests[0])
    unclear.state, unclear.attempts = MessageState.SENDING, 1
    unclear.next_attempt_at = datetime.now(UTC) - timedelta(minutes=30)
    sent = signup_confirmation("volunteer", volunteers[2])
    sent.state, sent.attempts, sent.sent_at = MessageState.SENT, 1, datetime.now(UTC)
    family = requests[1]
    family.contact_channel = "letter"
    family.street, family.house_number = "Hauptstraße", "7"
    letter = signup_confirmation("request", family)
    db.session.commit()
    return {
        "message": waiting.id,
        "failed": failed.id,
        "unclear": unclear.id,
        "sent": sent.id,
        "letter": letter.id,
    }
