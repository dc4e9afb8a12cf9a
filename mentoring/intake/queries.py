"""Read-only queries for the intake lists and records, scoped to the staff member's departments.

Every list renders in a fixed number of queries: one count, one page, eager loads, and one query
per badge kind for the whole page — never one per row.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, and_, case, func, or_, select, true
from sqlalchemy.orm import joinedload, selectinload

from mentoring.extensions import db
from mentoring.models import (
    DuplicateSignup,
    MenteeRequest,
    Place,
    StaffUser,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.people import volunteer_programmes
from mentoring.pagination import paginate
from mentoring.scoping import visible_request_clause, visible_volunteer_clause

PER_PAGE = 25
# The request list's status filter offers "zurückgestellt" beside the stored statuses.
ON_HOLD = "on_hold"


@dataclass
class Badges:
    """Badges for the rows of one page, keyed by id."""

    flagged: dict[int, int] = field(default_factory=dict)
    likely_duplicates: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Filters:
    q: str = ""
    programme_id: int | None = None
    district_id: int | None = None
    status: str | None = None
    waiting_days: int | None = None
    duplicates_only: bool = False
    uncontacted_only: bool = False
    newest_first: bool = False
    page: int = 1


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


# --- Same person ----------------------------------------------------------------------------
# The rule is the models' `same_person_as` / `person_keys`; these apply it to a list.


def _all_likely_duplicates(model, visible: ColumnElement[bool]) -> set[int]:
    """Ids of visible rows with a visible look-alike: one scan with a window count per person
    key, run once per request, so count and page need no self-join."""
    keys = model.person_keys()
    # Counting only rows whose key is known: a partition of NULL keys is no group of look-alikes.
    counts = [
        func.count(case((model.key_known_sql(key), 1))).over(partition_by=key).label(f"key{n}")
        for n, key in enumerate(keys)
    ]
    known = [model.key_known_sql(key) for key in keys]
    flags = [case((k, 1), else_=0).label(f"known{n}") for n, k in enumerate(known)]
    counted = select(model.id, *counts, *flags).where(visible).subquery()
    shared = or_(
        *(and_(counted.c[f"key{n}"] > 1, counted.c[f"known{n}"] == 1) for n in range(len(keys)))
    )
    return set(db.session.scalars(select(counted.c.id).where(shared)))


def _duplicates_filter(model, flag_column, visible) -> tuple[ColumnElement[bool], set[int]]:
    """The "Doppelte" filter as a primary-key lookup (flagged or look-alike), and the look-alikes.

    Both sets are small and found once, so count and page query by id instead of scanning.
    """
    likely = _all_likely_duplicates(model, visible)
    flagged = set(db.session.scalars(select(flag_column).where(flag_column.is_not(None))))
    return model.id.in_(likely | flagged), likely


def _likely_duplicates_among(model, visible: ColumnElement[bool], rows: list) -> set[int]:
    """Ids among `rows` that have a visible look-alike.

    One narrow query for the candidates (equal on every part of a key of some row), compared in
    Python: a self-join on lower() would compare every row on the page with every stored row.
    """
    if not rows:
        return set()
    row_keys = [model.person_keys_of(row) for row in rows]

    def among_rows(n: int, i: int):
        return {keys[n][i] for keys in row_keys}

    # Parts that every key shares (one expression object) are tested once, before the others.
    keys = model.person_keys()
    shared = [i for i, part in enumerate(keys[0]) if all(key[i] is part for key in keys)]
    candidates = [keys[0][i].in_(among_rows(0, i)) for i in shared]
    either = [
        and_(*(part.in_(among_rows(n, i)) for i, part in enumerate(key) if i not in shared))
        for n, key in enumerate(keys)
        if len(key) > len(shared)
    ]
    if either:
        candidates.append(or_(*either))
    ids_by_key: dict[tuple, set[int]] = {}
    for other in db.session.scalars(select(model).where(visible, *candidates)):
        for key in model.person_keys_of(other):
            if model.key_known(key):
                ids_by_key.setdefault(key, set()).add(other.id)
    return {
        row.id
        for row, keys in zip(rows, row_keys, strict=True)
        if any(ids_by_key.get(key, set()) - {row.id} for key in keys if model.key_known(key))
    }


def _flag_counts(column, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = db.session.execute(select(column, func.count()).where(column.in_(ids)).group_by(column))
    return dict(rows.tuples().all())


# --- Volunteers ------------------------------------------------------------------------------


def _volunteer_where(user: StaffUser, f: Filters) -> list:
    visible = visible_volunteer_clause(user)
    where = [visible]
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
    if f.status == VolunteerStatus.PAUSED:
        # Pauses are dates (paused_until): the status column keeps where the screening stands.
        where.append(or_(Volunteer.is_paused, Volunteer.status == f.status))
    elif f.status:
        where.append(Volunteer.status == f.status)
    if f.uncontacted_only:
        where.append(Volunteer.awaiting_first_contact)
    where.append(_waiting_clause(Volunteer.created_at, f.waiting_days))
    return where


def volunteer_page(user: StaffUser, f: Filters) -> tuple[Pagination, Badges]:
    order = (
        (Volunteer.created_at.desc(), Volunteer.id.desc())
        if f.newest_first
        else (Volunteer.created_at, Volunteer.id)
    )
    where, visible, likely = _volunteer_where(user, f), visible_volunteer_clause(user), None
    if f.duplicates_only:
        duplicates, likely = _duplicates_filter(Volunteer, DuplicateSignup.volunteer_id, visible)
        where.append(duplicates)
    query = (
        select(Volunteer)
        .where(*where)
        .order_by(*order)
        .options(
            # selectin, not joined: the page query sorts bare rows and stops after one page.
            selectinload(Volunteer.place).joinedload(Place.district),
            selectinload(Volunteer.programmes),
        )
    )
    page = paginate(query, page=f.page, per_page=PER_PAGE)
    return page, Badges(
        flagged=_flag_counts(DuplicateSignup.volunteer_id, [v.id for v in page.items]),
        likely_duplicates=(
            {v.id for v in page.items} & likely
            if likely is not None
            else _likely_duplicates_among(Volunteer, visible, page.items)
        ),
    )


def likely_duplicates_of_volunteer(user: StaffUser, volunteer: Volunteer) -> list[Volunteer]:
    """Other stored volunteers who are the same person (different e-mail addresses)."""
    return list(
        db.session.scalars(
            select(Volunteer)
            .where(visible_volunteer_clause(user), Volunteer.same_person_as(volunteer))
            .order_by(Volunteer.created_at, Volunteer.id)
            .options(selectinload(Volunteer.programmes), joinedload(Volunteer.place))
        )
    )


# --- Requests --------------------------------------------------------------------------------


def _request_where(user: StaffUser, f: Filters) -> list:
    visible = visible_request_clause(user)
    where = [visible]
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
    if f.status == ON_HOLD:
        where.append(MenteeRequest.is_held)
    elif f.status:
        where.append(MenteeRequest.status == f.status)
    if f.uncontacted_only:
        where.append(MenteeRequest.awaiting_first_contact)
    where.append(_waiting_clause(MenteeRequest.created_at, f.waiting_days))
    return where


def request_page(user: StaffUser, f: Filters) -> tuple[Pagination, Badges]:
    order = (
        (MenteeRequest.created_at.desc(), MenteeRequest.id.desc())
        if f.newest_first
        else (MenteeRequest.created_at, MenteeRequest.id)
    )
    where, visible, likely = _request_where(user, f), visible_request_clause(user), None
    if f.duplicates_only:
        duplicates, likely = _duplicates_filter(MenteeRequest, DuplicateSignup.request_id, visible)
        where.append(duplicates)
    query = (
        select(MenteeRequest)
        .where(*where)
        .order_by(*order)
        .options(
            # selectin, not joined: the page query sorts bare rows and stops after one page.
            selectinload(MenteeRequest.programme),
            selectinload(MenteeRequest.place).joinedload(Place.district),
        )
    )
    page = paginate(query, page=f.page, per_page=PER_PAGE)
    return page, Badges(
        flagged=_flag_counts(DuplicateSignup.request_id, [r.id for r in page.items]),
        likely_duplicates=(
            {r.id for r in page.items} & likely
            if likely is not None
            else _likely_duplicates_among(MenteeRequest, visible, page.items)
        ),
    )


def likely_duplicates_of_request(user: StaffUser, mentee_request: MenteeRequest) -> list:
    """Other stored requests for the same person."""
    return list(
        db.session.scalars(
            select(MenteeRequest)
            .where(visible_request_clause(user), MenteeRequest.same_person_as(mentee_request))
            .order_by(MenteeRequest.created_at, MenteeRequest.id)
            .options(joinedload(MenteeRequest.place))
        )
    )
