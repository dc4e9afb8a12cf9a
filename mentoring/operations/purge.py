"""Deletion periods, applied by `flask privacy purge` (safe to run daily from cron).

The plan is worked out first (that is all a dry run does); then every person or tandem is
handled in its own transaction, re-checked under lock, so a second run finds nothing left.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import and_, delete, exists, func, or_, select, update

from mentoring import audit, clock
from mentoring.extensions import db
from mentoring.labels import AUDIT_SUBJECTS
from mentoring.models import (
    OCCUPYING_STATUSES,
    CheckIn,
    ConsentRecord,
    MenteeRequest,
    PoliceCheck,
    RequestStatus,
    Tandem,
    TandemNote,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.operations import OperationError
from mentoring.operations.erasure import erase_person

log = logging.getLogger(__name__)

RULE_LABELS = {
    "unprocessed": "Nie bearbeitete Anmeldungen gelöscht",
    "withdrawn": "Personen nach Widerruf der Einwilligung gelöscht",
    "police_checks": "Angaben zum Führungszeugnis gelöscht",
    "tandem_notes": "Notizen beendeter Tandems gelöscht",
}


@dataclass(frozen=True)
class PurgePeriods:
    unprocessed_signup_months: int = 12
    police_check_after_end_months: int = 3
    tandem_notes_months: int = 24
    withdrawn_grace_days: int = 30

    @classmethod
    def from_config(cls, config) -> PurgePeriods:
        return cls(
            unprocessed_signup_months=config["PURGE_UNPROCESSED_SIGNUP_MONTHS"],
            police_check_after_end_months=config["PURGE_POLICE_CHECK_AFTER_END_MONTHS"],
            tandem_notes_months=config["PURGE_TANDEM_NOTES_MONTHS"],
            withdrawn_grace_days=config["PRIVACY_WITHDRAWN_GRACE_DAYS"],
        )


@dataclass(frozen=True)
class PurgeItem:
    rule: str  # a key of RULE_LABELS
    subject_type: str  # volunteer, request or tandem
    subject_id: int
    rows: int = 1  # rows deleted or cleared for this subject


@dataclass
class PurgeReport:
    today: date
    dry_run: bool
    items: list[PurgeItem] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(item.rule for item in self.items)

    def text(self) -> str:
        """A short German report for the operator (cron mails it)."""
        head = (
            f"Probelauf der Löschfristen zum {self.today:%d.%m.%Y} – nichts wurde geändert."
            if self.dry_run
            else f"Löschfristen angewendet zum {self.today:%d.%m.%Y}."
        )
        verb = "würden gelöscht" if self.dry_run else "gelöscht"
        lines = [head]
        for rule, label in RULE_LABELS.items():
            items = [i for i in self.items if i.rule == rule]
            if self.dry_run:
                label = label.replace("gelöscht", verb)
            lines.append(
                f"- {label}: {len(items)}"
                + (
                    f" ({sum(i.rows for i in items)} Einträge)"
                    if rule in ("police_checks", "tandem_notes")
                    else ""
                )
            )
            lines.extend(f"    {AUDIT_SUBJECTS[i.subject_type]} Nr. {i.subject_id}" for i in items)
        return "\n".join(lines)


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


# --- planning ------------------------------------------------------------------------------


def plan_purge(*, today: date, periods: PurgePeriods) -> list[PurgeItem]:
    """What the periods say must go today; reads only."""
    items: list[PurgeItem] = []
    signed_up_before = _start_of(
        months_before(today, periods.unprocessed_signup_months) + timedelta(days=1)
    )
    for model, kind, new in (
        (Volunteer, "volunteer", VolunteerStatus.NEW),
        (MenteeRequest, "request", RequestStatus.NEW),
    ):
        items += [
            PurgeItem("unprocessed", kind, pid)
            for pid in db.session.scalars(
                select(model.id)
                .where(
                    model.status == new,
                    model.erased_at.is_(None),
                    model.created_at < signed_up_before,
                )
                .order_by(model.id)
            )
        ]
    withdrawn_before = _start_of(today - timedelta(days=periods.withdrawn_grace_days - 1))
    for model, kind, column, withdrawn in (
        (Volunteer, "volunteer", ConsentRecord.volunteer_id, VolunteerStatus.WITHDRAWN),
        (MenteeRequest, "request", ConsentRecord.request_id, RequestStatus.WITHDRAWN),
    ):
        last_withdrawal = (
            select(func.max(ConsentRecord.withdrawn_at)).where(column == model.id).scalar_subquery()
        )
        still_given = exists().where(column == model.id, ConsentRecord.withdrawn_at.is_(None))
        items += [
            PurgeItem("withdrawn", kind, pid)
            for pid in db.session.scalars(
                select(model.id)
                .where(
                    model.status == withdrawn,
                    model.erased_at.is_(None),
                    ~still_given,
                    last_withdrawal < withdrawn_before,
                )
                .order_by(model.id)
            )
        ]
    items += [
        PurgeItem("police_checks", "volunteer", vid, n)
        for vid, n in _police_checks_due(today, periods)
    ]
    items += [
        PurgeItem("tandem_notes", "tandem", tid, n) for tid, n in _tandem_notes_due(today, periods)
    ]
    return items


def _police_checks_due(today: date, periods: PurgePeriods) -> list[tuple[int, int]]:
    """Volunteers whose certificate data must go: never started, or 3 months after the end."""
    ended_before = months_before(today, periods.police_check_after_end_months)
    any_tandem = exists().where(Tandem.volunteer_id == Volunteer.id)
    occupied = exists().where(
        Tandem.volunteer_id == Volunteer.id, Tandem.status.in_(OCCUPYING_STATUSES)
    )
    last_end = (
        select(func.max(Tandem.ended_on))
        .where(Tandem.volunteer_id == Volunteer.id)
        .scalar_subquery()
    )
    never_started = and_(Volunteer.status == VolunteerStatus.WITHDRAWN, ~any_tandem)
    activity_over = and_(any_tandem, ~occupied, last_end <= ended_before)
    rows = db.session.execute(
        select(Volunteer.id, func.count(PoliceCheck.id))
        .join(PoliceCheck, PoliceCheck.volunteer_id == Volunteer.id)
        .where(Volunteer.erased_at.is_(None), or_(never_started, activity_over))
        .group_by(Volunteer.id)
        .order_by(Volunteer.id)
    )
    return [(vid, n) for vid, n in rows]


def _tandem_notes_due(today: date, periods: PurgePeriods) -> list[tuple[int, int]]:
    ended_before = months_before(today, periods.tandem_notes_months)
    notes = (
        select(func.count(TandemNote.id)).where(TandemNote.tandem_id == Tandem.id).scalar_subquery()
    )
    summaries = (
        select(func.count(CheckIn.id))
        .where(CheckIn.tandem_id == Tandem.id, CheckIn.summary.is_not(None))
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Tandem.id, notes, summaries, Tandem.end_note)
        .where(Tandem.status == TandemStatus.ENDED, Tandem.ended_on <= ended_before)
        .order_by(Tandem.id)
    )
    return [
        (tid, n + s + (end_note is not None))
        for tid, n, s, end_note in rows
        if n or s or end_note is not None
    ]


# --- applying ------------------------------------------------------------------------------


def purge(
    *, today: date | None = None, dry_run: bool = False, periods: PurgePeriods | None = None
) -> PurgeReport:
    """Apply the deletion periods; each subject in its own transaction."""
    today = today or clock.today()
    periods = periods or PurgePeriods.from_config(current_app.config)
    plan = plan_purge(today=today, periods=periods)
    db.session.rollback()  # the plan was read-only; each step below opens its own transaction
    report = PurgeReport(today=today, dry_run=dry_run)
    if dry_run:
        report.items = plan
        return report
    for item in plan:
        if _apply(item, today, periods):
            report.items.append(item)
    log.info("purge today=%s %s", today, dict(report.counts()))
    return report


def _apply(item: PurgeItem, today: date, periods: PurgePeriods) -> bool:
    if item.rule in ("unprocessed", "withdrawn"):
        try:
            erase_person(
                kind=item.subject_type,
                person_id=item.subject_id,
                staff=None,
                reason=f"purge:{item.rule}",
                today=today,
            )
        except OperationError:  # erased meanwhile (another run, or by staff)
            db.session.rollback()
            return False
        return True
    if item.rule == "police_checks":
        still_due = dict(_police_checks_due(today, periods))
        if item.subject_id not in still_due:
            db.session.rollback()
            return False
        db.session.execute(delete(PoliceCheck).where(PoliceCheck.volunteer_id == item.subject_id))
        audit.record("purge", "volunteer", item.subject_id, detail="police_checks")
    else:
        db.session.execute(delete(TandemNote).where(TandemNote.tandem_id == item.subject_id))
        db.session.execute(
            update(CheckIn).where(CheckIn.tandem_id == item.subject_id).values(summary=None)
        )
        db.session.execute(update(Tandem).where(Tandem.id == item.subject_id).values(end_note=None))
        audit.record("purge", "tandem", item.subject_id, detail="tandem_notes")
    db.session.commit()
    return True
