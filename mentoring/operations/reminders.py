"""The scheduled reminder jobs and the questionnaire answer: each step ends in one commit.

A reminder is recorded as a SentReminder with a unique key in the same transaction as its
messages: a job run twice on a day (or by two workers at once) sends nothing twice — the
second insert of the key fails and that transaction, messages included, rolls back.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

from flask_babel import gettext as _
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from mentoring import audit, clock
from mentoring.extensions import db
from mentoring.messages import reminders
from mentoring.models import SentReminder, Tandem, TandemFeedback, TandemStatus
from mentoring.operations import OperationError
from mentoring.screening_state import certificate_policy

log = logging.getLogger(__name__)

TEXT_MAX = 2000


def _already_sent(key: str) -> bool:
    return bool(db.session.scalar(select(exists().where(SentReminder.key == key))))


def _commit_once(key: str, today: date) -> bool:
    """Record the key with the queued messages in one commit; False when another run won."""
    db.session.add(SentReminder(key=key, sent_on=today))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def send_digests(today: date | None = None, now: datetime | None = None) -> int:
    """Today's digest to every responsible coordinator with something to say."""
    today = today or clock.today()
    now = now or datetime.now(UTC)
    sent = 0
    for staff in reminders.digest_recipients():
        key = f"digest:{staff.id}:{today.isoformat()}"
        if _already_sent(key):
            continue
        digest = reminders.digest_for(staff, today, now)
        if not digest:
            continue
        reminders.queue_digest(staff, digest, today)
        sent += _commit_once(key, today)
    return sent


def send_police_check_reminders(today: date | None = None) -> int:
    """The §72a reminder, once per inspection, when its warning period has begun."""
    today = today or clock.today()
    sent = 0
    for check, due_on in reminders.police_checks_due(today, certificate_policy()):
        key = f"police_check:{check.id}"
        if _already_sent(key):
            continue
        reminders.queue_police_check_reminder(check, due_on)
        audit.record("police_check_reminder", "volunteer", check.volunteer_id, f"check={check.id}")
        sent += _commit_once(key, today)
    return sent


def run_reminder_jobs(today: date | None = None) -> dict:
    """Both jobs; the worker calls this every hour from DIGEST_HOUR on (the keys make it once)."""
    result = {
        "digests": send_digests(today),
        "police_checks": send_police_check_reminders(today),
    }
    log.info("reminder jobs done: digests=%s police_checks=%s", *result.values())
    return result


def submit_feedback(
    *,
    tandem_id: int,
    side: str,
    satisfaction: int,
    would_recommend: bool,
    went_well: str | None,
    could_be_better: str | None,
) -> TandemFeedback:
    """Store one side's answers; a second answer for the same side is refused."""
    tandem = db.session.get(Tandem, tandem_id)
    if tandem is None or tandem.status is not TandemStatus.ENDED:
        raise OperationError(_("Diese Befragung gibt es nicht mehr. Vielen Dank trotzdem!"))
    if not 1 <= satisfaction <= 5:
        raise OperationError(_("Bitte wählen Sie eine Bewertung von 1 bis 5."))
    texts = [(t or "").strip() or None for t in (went_well, could_be_better)]
    if any(t and len(t) > TEXT_MAX for t in texts):
        raise OperationError(
            _("Bitte kürzen Sie den Text auf höchstens %(max)d Zeichen.", max=TEXT_MAX)
        )
    feedback = TandemFeedback(
        tandem_id=tandem.id,
        programme_id=tandem.programme_id,
        side=side,
        satisfaction=satisfaction,
        would_recommend=would_recommend,
        went_well=texts[0],
        could_be_better=texts[1],
    )
    db.session.add(feedback)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise OperationError(already_answered()) from None
    audit.record("tandem_feedback", "tandem", tandem.id, f"feedback:{side}")
    db.session.commit()
    return feedback


def already_answered() -> str:
    return _("Sie haben diese Fragen schon beantwortet. Vielen Dank!")


def has_answered(tandem_id: int, side: str) -> bool:
    return bool(
        db.session.scalar(
            select(
                exists().where(TandemFeedback.tandem_id == tandem_id, TandemFeedback.side == side)
            )
        )
    )
