"""Read-only queries for the intake pages, scoped to the staff member's departments.

Every list renders in a fixed number of queries: one count, one page, eager loads, and one query
per badge kind for the whole page — never one per row.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from flask import abort
from sqlalchemy import ColumnElement, and_, exists, func, or_, select, true
from sqlalchemy.orm import aliased, joinedload, selectinload

from mentoring.access import is_admin, programme_clause
from mentoring.extensions import db
from mentoring.models import (
    DuplicateSignup,
    MenteeRequest,
    Place,
    StaffUser,
    Volunteer,
)
from mentoring.models.people import volunteer_programmes

PER_PAGE = 25


@dataclass
class Page:
    items: list
    total: int
    number: int
    per_page: int = PER_PAGE
    # Badges for the rows on this page, keyed by id.
    flagged: dict[int, int] = field(default_factory=dict)
    likely_duplicates: set[int] = field(default_factory=set)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.number * self.per_page, self.total)

    def links(self) -> list[int | None]:
        """Page numbers to link: first, last and a window around the current one; None = gap."""
        wanted = {1, self.pages, *range(self.number - 2, self.number + 3)}
        numbers = sorted(n for n in wanted if 1 <= n <= self.pages)
        shown: list[int | None] = []
        for n in numbers:
            if shown and n - shown[-1] > 1:
                shown.append(None)
            shown.append(n)
        return shown


@dataclass(frozen=True)
class Filters:
    q: str = ""
    programme_id: int | None = None
    district_id: int | None = None
    status: str | None = None
    waiting_days: int | None = None
    duplicates_only: bool = False
    newest_first: bool = False
    page: int = 1


# --- Visibility ------------------------------------------------------------------------------


def visible_volunteer_clause(user: StaffUser) -> ColumnElement[bool]:
    """Volunteers with at least one programme of the user's departments; never erased ones."""
    not_erased = Volunteer.erased_at.is_(None)
    if is_admin(user):
        return not_erased
    return not_erased & Volunteer.id.in_(
        select(volunteer_programmes.c.volunteer_id).where(
            programme_clause(user, volunteer_programmes.c.programme_id)
        )
    )


def visible_request_clause(user: StaffUser) -> ColumnElement[bool]:
    return MenteeRequest.erased_at.is_(None) & programme_clause(user, MenteeRequest.programme_id)


def volunteer_or_404(user: StaffUser, volunteer_id: int) -> Volunteer:
    """The volunteer with everything the detail page shows; 404 outside the user's scope."""
    volunteer = db.session.scalar(
        select(Volunteer)
        .where(Volunteer.id == volunteer_id, visible_volunteer_clause(user))
        .options(
            joinedload(Volunteer.place).joinedload(Place.district),
            selectinload(Volunteer.programmes),
            selectinload(Volunteer.languages),
            selectinload(Volunteer.tags),
            selectinload(Volunteer.travel_places),
            selectinload(Volunteer.consents),
            selectinload(Volunteer.duplicate_signups),
        )
    )
    if volunteer is None:
        abort(404)
    return volunteer


def request_or_404(user: StaffUser, request_id: int) -> MenteeRequest:
    mentee_request = db.session.scalar(
        select(MenteeRequest)
        .where(MenteeRequest.id == request_id, visible_request_clause(user))
        .options(
            joinedload(MenteeRequest.programme),
            joinedload(MenteeRequest.place).joinedload(Place.district),
            selectinload(MenteeRequest.languages),
            selectinload(MenteeRequest.tags),
            selectinload(MenteeRequest.consents),
            selectinload(MenteeRequest.duplicate_signups),
        )
    )
    if mentee_request is None:
        abort(404)
    return mentee_request


# --- Search ----------------------------------------------------------------------------------


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search(columns, q: str) -> ColumnElement[bool]:
    """Every word must appear in one of the columns, case-insensitively (SQLite and PostgreSQL).

    The columns are joined into one lower-cased text, so each word costs one LIKE per row.
    """
    haystack = func.lower(_joined(columns))
    conditions = []
    for word in q.split()[:6]:
        pattern = f"%{_escape_like(word.lower())}%"
        conditions.append(haystack.like(pattern, escape="\\"))
    return and_(true(), *conditions)


def _joined(columns):
    text = func.coalesce(columns[0], "")
    for column in columns[1:]:
        text = text + "\x1f" + func.coalesce(column, "")
    return text


def _waiting_clause(column, days: int | None):
    if not days:
        return true()
    return column <= datetime.now(UTC) - timedelta(days=days)


# --- Volunteers ------------------------------------------------------------------------------


def _all_likely_duplicate_volunteers(user: StaffUser) -> list[int]:
    """Ids of visible volunteers sharing first name, last name and birth year with another.

    One scan with a window function, run once per request, so count and page need no self-join.
    """
    same = func.count().over(
        partition_by=(
            func.lower(Volunteer.first_name),
            func.lower(Volunteer.last_name),
            Volunteer.birth_year,
        )
    )
    counted = select(Volunteer.id, same.label("same")).where(visible_volunteer_clause(user))
    counted = counted.subquery()
    return list(db.session.scalars(select(counted.c.id).where(counted.c.same > 1)))


def _volunteer_where(user: StaffUser, f: Filters) -> list:
    where = [visible_volunteer_clause(user)]
    if f.q:
        where.append(
            _search(
                [Volunteer.first_name, Volunteer.last_name, Volunteer.email, Volunteer.reference],
                f.q,
            )
        )
    if f.programme_id:
        where.append(
            Volunteer.id.in_(
                select(volunteer_programmes.c.volunteer_id).where(
                    volunteer_programmes.c.programme_id == f.programme_id
                )
            )
        )
    if f.district_id:
        where.append(
            Volunteer.place_id.in_(select(Place.id).where(Place.district_id == f.district_id))
        )
    if f.status:
        where.append(Volunteer.status == f.status)
    where.append(_waiting_clause(Volunteer.created_at, f.waiting_days))
    if f.duplicates_only:
        flagged = exists().where(DuplicateSignup.volunteer_id == Volunteer.id)
        where.append(or_(flagged, Volunteer.id.in_(_all_likely_duplicate_volunteers(user))))
    return where


def volunteer_page(user: StaffUser, f: Filters) -> Page:
    where = _volunteer_where(user, f)
    total = db.session.scalar(select(func.count()).select_from(Volunteer).where(*where))
    number = min(max(f.page, 1), max(1, -(-total // PER_PAGE)))
    order = (
        (Volunteer.created_at.desc(), Volunteer.id.desc())
        if f.newest_first
        else (Volunteer.created_at, Volunteer.id)
    )
    items = list(
        db.session.scalars(
            select(Volunteer)
            .where(*where)
            .order_by(*order)
            .offset((number - 1) * PER_PAGE)
            .limit(PER_PAGE)
            .options(
                joinedload(Volunteer.place).joinedload(Place.district),
                selectinload(Volunteer.programmes),
            )
        )
    )
    ids = [v.id for v in items]
    return Page(
        items,
        total,
        number,
        flagged=_flag_counts(DuplicateSignup.volunteer_id, ids),
        likely_duplicates=_likely_duplicate_volunteers(user, items),
    )


def _flag_counts(column, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = db.session.execute(select(column, func.count()).where(column.in_(ids)).group_by(column))
    return dict(rows.tuples().all())


def _same_person_volunteer(other, this) -> ColumnElement[bool]:
    return and_(
        func.lower(other.first_name) == func.lower(this.first_name),
        func.lower(other.last_name) == func.lower(this.last_name),
        other.birth_year == this.birth_year,
        other.id != this.id,
    )


def _likely_duplicate_volunteers(user: StaffUser, volunteers: list[Volunteer]) -> set[int]:
    """Ids among `volunteers` that share name and birth year with another visible volunteer.

    One narrow query for the candidates, compared in Python: a self-join on lower() would
    compare every row on the page with every stored row.
    """
    if not volunteers:
        return set()

    def key(first, last, year):
        return (first.lower(), last.lower(), year)

    rows = db.session.execute(
        select(Volunteer.id, Volunteer.first_name, Volunteer.last_name, Volunteer.birth_year).where(
            visible_volunteer_clause(user),
            Volunteer.birth_year.in_({v.birth_year for v in volunteers}),
            func.lower(Volunteer.last_name).in_({v.last_name.lower() for v in volunteers}),
        )
    )
    ids_by_key: dict[tuple, set[int]] = {}
    for row in rows:
        ids_by_key.setdefault(key(row.first_name, row.last_name, row.birth_year), set()).add(row.id)
    return {
        v.id
        for v in volunteers
        if ids_by_key.get(key(v.first_name, v.last_name, v.birth_year), set()) - {v.id}
    }


def likely_duplicates_of_volunteer(user: StaffUser, volunteer: Volunteer) -> list[Volunteer]:
    """Other stored volunteers with the same name and birth year (different e-mail addresses)."""
    return list(
        db.session.scalars(
            select(Volunteer)
            .where(
                visible_volunteer_clause(user),
                func.lower(Volunteer.first_name) == volunteer.first_name.lower(),
                func.lower(Volunteer.last_name) == volunteer.last_name.lower(),
                Volunteer.birth_year == volunteer.birth_year,
                Volunteer.id != volunteer.id,
            )
            .order_by(Volunteer.created_at, Volunteer.id)
            .options(selectinload(Volunteer.programmes), joinedload(Volunteer.place))
        )
    )


# --- Requests --------------------------------------------------------------------------------


def _request_contact_name():
    return func.lower(MenteeRequest.contact_first_name + " " + MenteeRequest.contact_last_name)


def _all_likely_duplicate_requests(user: StaffUser) -> list[int]:
    """Ids of visible requests with a look-alike (see _same_person_request): one scan with two
    window functions, run once per request."""
    person = (
        MenteeRequest.programme_id,
        func.lower(MenteeRequest.person_first_name),
        MenteeRequest.person_birth_year,
    )
    by_email = func.count().over(partition_by=(*person, MenteeRequest.contact_email))
    by_name = func.count().over(partition_by=(*person, _request_contact_name()))
    counted = (
        select(MenteeRequest.id, by_email.label("by_email"), by_name.label("by_name"))
        .where(visible_request_clause(user))
        .subquery()
    )
    return list(
        db.session.scalars(
            select(counted.c.id).where(or_(counted.c.by_email > 1, counted.c.by_name > 1))
        )
    )


def _request_where(user: StaffUser, f: Filters) -> list:
    where = [visible_request_clause(user)]
    if f.q:
        where.append(
            _search(
                [
                    MenteeRequest.contact_first_name,
                    MenteeRequest.contact_last_name,
                    MenteeRequest.person_first_name,
                    MenteeRequest.contact_email,
                    MenteeRequest.reference,
                    MenteeRequest.referrer_organisation,
                ],
                f.q,
            )
        )
    if f.programme_id:
        where.append(MenteeRequest.programme_id == f.programme_id)
    if f.district_id:
        where.append(
            MenteeRequest.place_id.in_(select(Place.id).where(Place.district_id == f.district_id))
        )
    if f.status:
        where.append(MenteeRequest.status == f.status)
    where.append(_waiting_clause(MenteeRequest.created_at, f.waiting_days))
    if f.duplicates_only:
        flagged = exists().where(DuplicateSignup.request_id == MenteeRequest.id)
        where.append(or_(flagged, MenteeRequest.id.in_(_all_likely_duplicate_requests(user))))
    return where


def request_page(user: StaffUser, f: Filters) -> Page:
    where = _request_where(user, f)
    total = db.session.scalar(select(func.count()).select_from(MenteeRequest).where(*where))
    number = min(max(f.page, 1), max(1, -(-total // PER_PAGE)))
    order = (
        (MenteeRequest.created_at.desc(), MenteeRequest.id.desc())
        if f.newest_first
        else (MenteeRequest.created_at, MenteeRequest.id)
    )
    items = list(
        db.session.scalars(
            select(MenteeRequest)
            .where(*where)
            .order_by(*order)
            .offset((number - 1) * PER_PAGE)
            .limit(PER_PAGE)
            .options(
                joinedload(MenteeRequest.programme),
                joinedload(MenteeRequest.place).joinedload(Place.district),
            )
        )
    )
    ids = [r.id for r in items]
    return Page(
        items,
        total,
        number,
        flagged=_flag_counts(DuplicateSignup.request_id, ids),
        likely_duplicates=_likely_duplicate_requests(user, items),
    )


def _same_person_request(other, this) -> ColumnElement[bool]:
    return and_(
        other.programme_id == this.programme_id,
        func.lower(other.person_first_name) == func.lower(this.person_first_name),
        other.person_birth_year == this.person_birth_year,
        or_(
            other.contact_email == this.contact_email,
            func.lower(other.contact_first_name + " " + other.contact_last_name)
            == func.lower(this.contact_first_name + " " + this.contact_last_name),
        ),
        other.id != this.id,
    )


def _likely_duplicate_requests(user: StaffUser, requests: list[MenteeRequest]) -> set[int]:
    """Ids among `requests` with a look-alike request (see _same_person_request), compared in
    Python after one narrow query."""
    if not requests:
        return set()

    def person(r):
        return (r.programme_id, (r.person_first_name or "").lower(), r.person_birth_year)

    def contact(r):
        return f"{r.contact_first_name} {r.contact_last_name}".lower()

    rows = db.session.execute(
        select(
            MenteeRequest.id,
            MenteeRequest.programme_id,
            MenteeRequest.person_first_name,
            MenteeRequest.person_birth_year,
            MenteeRequest.contact_email,
            MenteeRequest.contact_first_name,
            MenteeRequest.contact_last_name,
        ).where(
            visible_request_clause(user),
            MenteeRequest.person_birth_year.in_({r.person_birth_year for r in requests}),
            func.lower(MenteeRequest.person_first_name).in_(
                {(r.person_first_name or "").lower() for r in requests}
            ),
        )
    ).all()
    by_person: dict[tuple, list] = {}
    for row in rows:
        by_person.setdefault(person(row), []).append(row)
    return {
        r.id
        for r in requests
        if any(
            o.id != r.id and (o.contact_email == r.contact_email or contact(o) == contact(r))
            for o in by_person.get(person(r), [])
        )
    }


def likely_duplicates_of_request(user: StaffUser, mentee_request: MenteeRequest) -> list:
    this = aliased(MenteeRequest)
    return list(
        db.session.scalars(
            select(MenteeRequest)
            .join(this, _same_person_request(MenteeRequest, this))
            .where(this.id == mentee_request.id, visible_request_clause(user))
            .order_by(MenteeRequest.created_at, MenteeRequest.id)
            .options(joinedload(MenteeRequest.place))
        )
    )


def staff_names(ids) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    rows = db.session.execute(select(StaffUser.id, StaffUser.name).where(StaffUser.id.in_(ids)))
    return dict(rows.tuples().all())
