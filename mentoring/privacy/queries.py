"""Reads for the privacy pages: finding a person, paging the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, or_, select

from mentoring import clock
from mentoring.access import is_admin, visible_programmes_subquery
from mentoring.extensions import db
from mentoring.models import AuditEntry, MenteeRequest, StaffUser, Volunteer
from mentoring.models.people import volunteer_programmes
from mentoring.pagination import paginate

SEARCH_LIMIT = 50
AUDIT_PAGE_SIZE = 50


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    name: str
    reference: str
    erased: bool


def search_people(user: StaffUser, text: str) -> list[Hit]:
    """People within the user's programmes whose reference, e-mail, phone or name fits (also the
    Latin-script spelling of a name: people without e-mail are found by phone or name)."""
    text = (text or "").strip()
    if len(text) < 2:
        return []
    like = f"%{text.lower()}%"
    volunteers = select(Volunteer).where(
        or_(
            func.lower(Volunteer.reference) == text.lower(),
            Volunteer.email == text.lower(),
            Volunteer.phone == text,
            func.lower(Volunteer.first_name + " " + Volunteer.last_name).like(like),
            func.lower(Volunteer.name_latin).like(like),
        )
    )
    requests = select(MenteeRequest).where(
        or_(
            func.lower(MenteeRequest.reference) == text.lower(),
            MenteeRequest.contact_email == text.lower(),
            MenteeRequest.direct_contact_email == text.lower(),
            MenteeRequest.contact_phone == text,
            MenteeRequest.direct_contact_phone == text,
            func.lower(MenteeRequest.name_latin).like(like),
            func.lower(MenteeRequest.direct_contact_name).like(like),
            func.lower(
                MenteeRequest.contact_first_name + " " + MenteeRequest.contact_last_name
            ).like(like),
            func.lower(MenteeRequest.person_first_name).like(like),
            func.lower(MenteeRequest.person_last_name).like(like),
        )
    )
    if not is_admin(user):
        visible = visible_programmes_subquery(user)
        volunteers = volunteers.where(
            Volunteer.id.in_(
                select(volunteer_programmes.c.volunteer_id).where(
                    volunteer_programmes.c.programme_id.in_(visible)
                )
            )
        )
        requests = requests.where(MenteeRequest.programme_id.in_(visible))
    hits = [
        Hit("volunteer", v.id, v.full_name, v.reference, v.erased_at is not None)
        for v in db.session.scalars(volunteers.order_by(Volunteer.id).limit(SEARCH_LIMIT))
    ]
    hits += [
        Hit("request", r.id, request_name(r), r.reference, r.erased_at is not None)
        for r in db.session.scalars(requests.order_by(MenteeRequest.id).limit(SEARCH_LIMIT))
    ]
    return hits


def request_name(mentee_request: MenteeRequest) -> str:
    contact = f"{mentee_request.contact_first_name} {mentee_request.contact_last_name}"
    if mentee_request.person_first_name and mentee_request.person_first_name not in contact:
        return f"{mentee_request.person_first_name} (Kontakt: {contact})"
    return contact


def person_name(kind: str, person) -> str:
    return person.full_name if kind == "volunteer" else request_name(person)


@dataclass(frozen=True)
class AuditFilters:
    subject_type: str | None = None
    subject_id: int | None = None
    staff_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def audit_page(filters: AuditFilters, page: int = 1) -> Pagination:
    """The log entries matching the filters, newest first."""
    query = select(AuditEntry)
    if filters.subject_type:
        query = query.where(AuditEntry.subject_type == filters.subject_type)
    if filters.subject_id:
        query = query.where(AuditEntry.subject_id == filters.subject_id)
    if filters.staff_id:
        query = query.where(AuditEntry.staff_id == filters.staff_id)
    local = clock.zone()  # days as staff see them
    if filters.date_from:
        query = query.where(AuditEntry.at >= datetime.combine(filters.date_from, time.min, local))
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min, local)
        query = query.where(AuditEntry.at < end)
    return paginate(query.order_by(AuditEntry.id.desc()), page=page, per_page=AUDIT_PAGE_SIZE)


def staff_names() -> dict[int, str]:
    return dict(
        db.session.execute(select(StaffUser.id, StaffUser.name).order_by(StaffUser.name))
        .tuples()
        .all()
    )


def subject_references(entries) -> dict[tuple[str, int], str]:
    """The references (E-2026-0042) of the people an audit page names: two queries per page."""
    wanted: dict[str, set[int]] = {"volunteer": set(), "request": set()}
    for entry in entries:
        if entry.subject_type in wanted and entry.subject_id:
            wanted[entry.subject_type].add(entry.subject_id)
    found = {}
    for kind, model in (("volunteer", Volunteer), ("request", MenteeRequest)):
        if wanted[kind]:
            rows = db.session.execute(
                select(model.id, model.reference).where(model.id.in_(wanted[kind]))
            )
            found.update({(kind, pid): ref for pid, ref in rows.tuples()})
    return found
