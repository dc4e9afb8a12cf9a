"""Intake use cases: audit of views, checking requests, handling and merging duplicates."""

from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from mentoring import audit
from mentoring.extensions import db
from mentoring.models import (
    ConsentRecord,
    DuplicateSignup,
    MenteeRequest,
    PairExclusion,
    PoliceCheck,
    Proposal,
    RequestStatus,
    StaffUser,
    Tandem,
    Volunteer,
    VolunteerStatus,
)
from mentoring.operations import OperationError

# Later in this list means further along; merging keeps the further status.
_PROGRESS = [
    VolunteerStatus.NEW,
    VolunteerStatus.SCREENING,
    VolunteerStatus.READY,
    VolunteerStatus.ACTIVE,
]


def record_view(*, staff: StaffUser, subject_type: str, subject_id: int) -> None:
    """Log that a staff member opened a person's record (DSGVO accountability)."""
    audit.record_now("view", subject_type, subject_id, staff_id=staff.id)


def mark_request_checked(*, request_id: int, staff: StaffUser) -> MenteeRequest:
    """NEW → OPEN: staff have checked the request, it may now be matched."""
    mentee_request = _live(MenteeRequest, request_id)
    if mentee_request.status is not RequestStatus.NEW:
        raise OperationError(_("Nur neue Anfragen können als geprüft markiert werden."))
    mentee_request.status = RequestStatus.OPEN
    audit.record("status", "request", mentee_request.id, "new->open", staff_id=staff.id)
    db.session.commit()
    return mentee_request


def resolve_duplicate_flags(
    *, staff: StaffUser, volunteer_id: int | None = None, request_id: int | None = None
) -> int:
    """Confirm repeated sign-ups as handled: they stored no data of their own, only the flag."""
    if (volunteer_id is None) == (request_id is None):
        raise ValueError("give exactly one of volunteer_id and request_id")
    column, subject, subject_id = (
        (DuplicateSignup.volunteer_id, "volunteer", volunteer_id)
        if volunteer_id is not None
        else (DuplicateSignup.request_id, "request", request_id)
    )
    removed = db.session.execute(delete(DuplicateSignup).where(column == subject_id)).rowcount
    if not removed:
        db.session.rollback()
        raise OperationError(_("Es gibt keine doppelten Anmeldungen mehr zu erledigen."))
    audit.record("merge", subject, subject_id, f"flags={removed}", staff_id=staff.id)
    db.session.commit()
    return removed


def merge_volunteers(*, first_id: int, second_id: int, staff: StaffUser) -> Volunteer:
    """Merge two records of the same person: the older one stays and gains the newer one's
    programmes, languages, tags, places, consents, inspections, proposals and tandems."""
    keep, drop = _older_first(_live(Volunteer, first_id), _live(Volunteer, second_id))
    if not keep.same_person_as(drop):
        raise OperationError(_("Diese beiden Einträge gehören nicht zur selben Person."))
    for name in ("programmes", "languages", "tags", "travel_places"):
        mine = getattr(keep, name)
        mine.extend(item for item in getattr(drop, name) if item not in mine)
    for name in (
        "phone",
        "street",
        "house_number",
        "name_latin",
        "occupation",
        "experience",
        "interests",
        "partner_wishes",
        "heard_from",
        "interview_on",
        "training_on",
        "travel_radius_km",
    ):
        if getattr(keep, name) is None:
            setattr(keep, name, getattr(drop, name))
    keep.availability |= drop.availability
    if keep.status in _PROGRESS and drop.status in _PROGRESS:
        keep.status = max(keep.status, drop.status, key=_PROGRESS.index)
    db.session.flush()
    for model in (ConsentRecord, DuplicateSignup, PoliceCheck, Proposal, Tandem):
        db.session.execute(
            update(model).where(model.volunteer_id == drop.id).values(volunteer_id=keep.id)
        )
    _move_exclusions(PairExclusion.volunteer_id, PairExclusion.request_id, drop.id, keep.id)
    drop_id, drop_email = drop.id, drop.email
    db.session.expire(drop)
    db.session.delete(drop)
    if keep.email is None and drop_email is not None:
        db.session.flush()  # the address is unique: free it before the kept record takes it
        keep.email = drop_email
    audit.record("merge", "volunteer", keep.id, f"merged={drop_id}", staff_id=staff.id)
    db.session.commit()
    return keep


def merge_requests(*, first_id: int, second_id: int, staff: StaffUser) -> MenteeRequest:
    """Merge two requests for the same person and programme; the older one stays."""
    keep, drop = _older_first(_live(MenteeRequest, first_id), _live(MenteeRequest, second_id))
    if not keep.same_person_as(drop):
        raise OperationError(_("Diese beiden Anfragen gehören nicht zur selben Person."))
    for name in ("languages", "tags"):
        mine = getattr(keep, name)
        mine.extend(item for item in getattr(drop, name) if item not in mine)
    for name in (
        "contact_email",
        "contact_phone",
        "street",
        "house_number",
        "name_latin",
        "person_last_name",
        "person_birth_month",
        "children_count",
        "goal",
        "career_goal",
    ):
        if getattr(keep, name) is None:
            setattr(keep, name, getattr(drop, name))
    keep.availability |= drop.availability
    db.session.flush()
    for model in (ConsentRecord, DuplicateSignup, Proposal, Tandem):
        db.session.execute(
            update(model).where(model.request_id == drop.id).values(request_id=keep.id)
        )
    _move_exclusions(PairExclusion.request_id, PairExclusion.volunteer_id, drop.id, keep.id)
    db.session.expire(drop)
    db.session.delete(drop)
    audit.record("merge", "request", keep.id, f"merged={drop.id}", staff_id=staff.id)
    db.session.commit()
    return keep


def _move_exclusions(own, partner, drop_id: int, keep_id: int) -> None:
    """Move stated exclusions; one the kept record already has is dropped (unique pair)."""
    already = select(partner).where(own == keep_id).scalar_subquery()
    db.session.execute(delete(PairExclusion).where(own == drop_id, partner.in_(already)))
    db.session.execute(update(PairExclusion).where(own == drop_id).values({own.key: keep_id}))


def _older_first(a, b):
    return (a, b) if (a.created_at, a.id) <= (b.created_at, b.id) else (b, a)


def _live(model, key: int):
    row = db.session.get(model, key)
    if row is None or row.erased_at is not None:
        raise OperationError(_("Diesen Eintrag gibt es nicht mehr."))
    return row
