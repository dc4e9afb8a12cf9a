"""Scheduled messages and the thank-you after a tandem: who gets what, and when.

- The coordinators' **daily digest** (German): check-ins due within DIGEST_CHECKIN_DAYS or
  overdue, proposals without a decision for STALE_PROPOSAL_DAYS, new sign-ups nobody has
  contacted yet. "Responsible" are the active coordinators of the programme's department (the
  staff who see the programme, mentoring.access); a department without a coordinator hands its
  digest to the admins, so nothing falls through. Sent only when there is something to say.
- The **§72a reminder** to the volunteer (their language and channel) and to the responsible
  coordinators, POLICE_CHECK_WARN_WEEKS before the latest inspection's validity runs out, once
  per inspection (mentoring.safeguarding decides the dates).
- The **thank-you** with a signed link to a short questionnaire, to both sides of a tandem that
  ends (`tandem_thanks`, called by operations.tandems.close).

Each flow only queues messages in the caller's transaction; mentoring.operations.reminders
commits and records what went out (SentReminder), so a job run twice sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from mentoring import signing
from mentoring.access import programme_clause
from mentoring.exceptions import OperationError
from mentoring.extensions import db
from mentoring.links import public_url
from mentoring.messages.outbox import name_of, queue_message
from mentoring.models import (
    CheckIn,
    MenteeRequest,
    PoliceCheck,
    Programme,
    Proposal,
    ProposalStatus,
    StaffRole,
    StaffUser,
    Tandem,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.people import volunteer_programmes
from mentoring.models.staff import staff_departments
from mentoring.safeguarding import CertificatePolicy, add_years
from mentoring.scoping import visible_request_clause, visible_volunteer_clause

# Check-ins due within this many days are listed as "due" (earlier ones as "overdue").
DIGEST_CHECKIN_DAYS = 7
# Volunteers whose certificate is re-inspected: everyone who may still work with people.
POLICE_CHECK_STATUSES = (VolunteerStatus.READY, VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED)
SIDES = ("volunteer", "request")


# --- who is responsible -------------------------------------------------------------------


def coordinators_of(department_id: int) -> list[StaffUser]:
    """Active coordinators of the department; the active admins when it has none."""
    coordinators = list(
        db.session.scalars(
            select(StaffUser)
            .join(staff_departments, staff_departments.c.staff_id == StaffUser.id)
            .where(
                staff_departments.c.department_id == department_id,
                StaffUser.active.is_(True),
                StaffUser.role == StaffRole.COORDINATOR,
            )
            .order_by(StaffUser.id)
        )
    )
    return coordinators or admins()


def admins() -> list[StaffUser]:
    return list(
        db.session.scalars(
            select(StaffUser)
            .where(StaffUser.active.is_(True), StaffUser.role == StaffRole.ADMIN)
            .order_by(StaffUser.id)
        )
    )


def digest_recipients() -> list[StaffUser]:
    """Every active coordinator, plus the admins when some department has no coordinator."""
    recipients: dict[int, StaffUser] = {}
    department_ids = db.session.scalars(select(Programme.department_id).distinct())
    for department_id in department_ids:
        for staff in coordinators_of(department_id):
            recipients[staff.id] = staff
    return [recipients[i] for i in sorted(recipients)]


def _digest_clause(staff: StaffUser, programme_id_column):
    """An admin's digest covers only the departments without a coordinator of their own."""
    if staff.role is not StaffRole.ADMIN:
        return programme_clause(staff, programme_id_column)
    covered = (
        select(staff_departments.c.department_id)
        .join(StaffUser, StaffUser.id == staff_departments.c.staff_id)
        .where(StaffUser.active.is_(True), StaffUser.role == StaffRole.COORDINATOR)
    )
    orphaned = select(Programme.id).where(Programme.department_id.not_in(covered))
    return programme_id_column.in_(orphaned)


# --- the daily digest ---------------------------------------------------------------------


@dataclass
class Digest:
    overdue: list[CheckIn] = field(default_factory=list)
    due: list[CheckIn] = field(default_factory=list)
    stale: list[Proposal] = field(default_factory=list)
    new_volunteers: list[Volunteer] = field(default_factory=list)
    new_requests: list[MenteeRequest] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.overdue, self.due, self.stale, self.new_volunteers, self.new_requests))


def digest_for(staff: StaffUser, today: date, now: datetime) -> Digest:
    """What the staff member should see today (empty: nothing to say)."""
    check_ins = list(
        db.session.scalars(
            select(CheckIn)
            .join(Tandem, Tandem.id == CheckIn.tandem_id)
            .where(
                CheckIn.done_on.is_(None),
                CheckIn.due_on <= today + timedelta(days=DIGEST_CHECKIN_DAYS),
                Tandem.status != TandemStatus.ENDED,
                _digest_clause(staff, Tandem.programme_id),
            )
            .options(joinedload(CheckIn.tandem))
            .order_by(CheckIn.due_on, CheckIn.id)
        )
    )
    stale_cutoff = now - timedelta(days=current_app.config["STALE_PROPOSAL_DAYS"])
    stale = list(
        db.session.scalars(
            select(Proposal)
            .where(
                Proposal.status == ProposalStatus.OPEN,
                Proposal.created_at < stale_cutoff,
                _digest_clause(staff, Proposal.programme_id),
            )
            .order_by(Proposal.created_at, Proposal.id)
        )
    )
    volunteer_scope = (
        visible_volunteer_clause(staff)
        if staff.role is not StaffRole.ADMIN
        else Volunteer.id.in_(
            select(volunteer_programmes.c.volunteer_id).where(
                _digest_clause(staff, volunteer_programmes.c.programme_id)
            )
        )
    )
    request_scope = (
        visible_request_clause(staff)
        if staff.role is not StaffRole.ADMIN
        else _digest_clause(staff, MenteeRequest.programme_id)
    )
    new_volunteers = list(
        db.session.scalars(
            select(Volunteer)
            .where(Volunteer.awaiting_first_contact, volunteer_scope)
            .order_by(Volunteer.created_at, Volunteer.id)
        )
    )
    new_requests = list(
        db.session.scalars(
            select(MenteeRequest)
            .where(MenteeRequest.awaiting_first_contact, request_scope)
            .order_by(MenteeRequest.created_at, MenteeRequest.id)
        )
    )
    return Digest(
        overdue=[c for c in check_ins if c.due_on < today],
        due=[c for c in check_ins if c.due_on >= today],
        stale=stale,
        new_volunteers=new_volunteers,
        new_requests=new_requests,
    )


def _staff_link(endpoint: str, **values) -> str:
    return public_url(endpoint, **values) or ""


def queue_digest(staff: StaffUser, digest: Digest, today: date):
    """The digest mail (German, staff) in the caller's transaction."""
    return queue_message(
        "coordinator_digest",
        staff=staff,
        context={
            "digest": digest,
            "today": today,
            "stale_days": current_app.config["STALE_PROPOSAL_DAYS"],
            "url": _staff_link,
        },
    )


# --- §72a re-inspection -------------------------------------------------------------------


def police_checks_due(today: date, policy: CertificatePolicy) -> list[tuple[PoliceCheck, date]]:
    """Latest inspection per volunteer whose re-inspection falls within the warning period
    (and has not passed): (inspection, re-inspection day). Convictions are not reminded of."""
    warn_until = today + timedelta(weeks=policy.warn_weeks)
    latest = (
        select(PoliceCheck.volunteer_id, func.max(PoliceCheck.id).label("check_id"))
        .group_by(PoliceCheck.volunteer_id)
        .subquery()
    )
    checks = db.session.scalars(
        select(PoliceCheck)
        .join(latest, latest.c.check_id == PoliceCheck.id)
        .join(Volunteer, Volunteer.id == PoliceCheck.volunteer_id)
        .where(
            Volunteer.status.in_(POLICE_CHECK_STATUSES),
            Volunteer.erased_at.is_(None),
            PoliceCheck.conviction_listed.is_(False),
            # due_on = inspected_on + years ≤ warn_until (narrowed exactly below)
            PoliceCheck.inspected_on <= add_years(warn_until, -policy.valid_years),
        )
        .order_by(PoliceCheck.id)
    )
    found = []
    for check in checks:
        due_on = add_years(check.inspected_on, policy.valid_years)
        if today < due_on <= warn_until:
            found.append((check, due_on))
    return found


def queue_police_check_reminder(check: PoliceCheck, due_on: date) -> int:
    """The reminder to the volunteer and to the coordinators of their programmes."""
    volunteer = db.session.get(Volunteer, check.volunteer_id)
    queue_message(
        "police_check_reminder",
        volunteer=volunteer,
        context={"name": name_of("volunteer", volunteer), "due_on": due_on},
    )
    staff: dict[int, StaffUser] = {}
    for programme in volunteer.programmes:
        for member in coordinators_of(programme.department_id):
            staff[member.id] = member
    for member in staff.values():
        queue_message(
            "police_check_staff",
            staff=member,
            context={
                "volunteer": volunteer,
                "due_on": due_on,
                "inspected_on": check.inspected_on,
                "volunteer_url": public_url("intake.volunteer_detail", volunteer_id=volunteer.id),
            },
        )
    return 1 + len(staff)


# --- thank-you and questionnaire ----------------------------------------------------------


def feedback_token(tandem_id: int, side: str) -> str:
    return signing.dumps(signing.TANDEM_FEEDBACK, {"t": tandem_id, "s": side})


def read_feedback_token(token: str) -> tuple[int, str]:
    """(tandem id, side); OperationError with a clear message for an expired or broken link."""
    max_age = current_app.config["FEEDBACK_LINK_DAYS"] * 86400
    try:
        data = signing.loads(signing.TANDEM_FEEDBACK, token, max_age=max_age)
    except SignatureExpired:
        raise OperationError(
            _(
                "Dieser Link ist abgelaufen. Vielen Dank für Ihr Interesse – wenn Sie uns "
                "trotzdem etwas sagen möchten, schreiben Sie uns oder rufen Sie an."
            )
        ) from None
    except BadSignature:
        raise OperationError(
            _(
                "Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig ist, oder wenden "
                "Sie sich an uns."
            )
        ) from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("t"), int)
        or data.get("s") not in SIDES
    ):
        raise OperationError(_("Dieser Link ist ungültig. Bitte wenden Sie sich an uns."))
    return data["t"], data["s"]


def tandem_thanks(tandem: Tandem, sides: tuple[str, ...] = SIDES) -> list:
    """A thank-you to the sides of an ended tandem, each with a link to the questionnaire."""
    queued = []
    for side, person in (("volunteer", tandem.volunteer), ("request", tandem.request)):
        if side not in sides or person is None or person.erased_at is not None:
            continue
        queued.append(
            queue_message(
                "tandem_thanks",
                **{side: person},
                context={
                    "name": name_of(side, person),
                    "side": side,
                    "feedback_url": public_url(
                        "tandem_feedback.questionnaire", token=feedback_token(tandem.id, side)
                    ),
                },
            )
        )
    return queued
