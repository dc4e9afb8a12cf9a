"""Which rows belong to a person, found by walking the foreign keys of the model metadata.

From the person's row, every table that references the person, or references such a row (a
tandem's notes), is covered without a list to keep in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import Table, and_, or_, select

from mentoring.access import is_admin, visible_programmes_subquery
from mentoring.extensions import db
from mentoring.models import (
    AuditEntry,
    ConsentRecord,
    MatchingRun,
    MenteeRequest,
    RequestStatus,
    StaffUser,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.people import volunteer_programmes
from mentoring.operations import OperationError

KINDS = ("volunteer", "request")
MODELS = {"volunteer": Volunteer, "request": MenteeRequest}
# How the engine's unmatched list names each side (MatchingRun.unmatched[*].side).
ENGINE_SIDES = {"volunteer": "mentor", "request": "mentee"}

# Audit subject types and the table whose ids they carry.
AUDIT_SUBJECT_TABLES = {
    "volunteer": "volunteers",
    "request": "mentee_requests",
    "tandem": "tandems",
    "proposal": "proposals",
    "police_check": "police_checks",
    "check_in": "check_ins",
    "consent": "consent_records",
}


class PersonNotFound(OperationError):
    """No such person, or not visible to this staff member."""


@dataclass(frozen=True)
class Related:
    """A person's row and every row that belongs to them, by table name."""

    kind: str
    person_id: int
    tables: dict[str, list[dict]]


def person_table(kind: str) -> Table:
    return MODELS[kind].__table__


def get_person(kind: str, person_id: int, staff: StaffUser | None = None):
    """The person, or PersonNotFound; with staff given, only within their programmes."""
    if kind not in KINDS:
        raise PersonNotFound(_("Diese Person gibt es nicht."))
    person = db.session.get(MODELS[kind], person_id)
    if person is None or (staff is not None and not may_see_person(staff, kind, person)):
        raise PersonNotFound(_("Diese Person gibt es nicht."))
    return person


def may_see_person(staff: StaffUser, kind: str, person) -> bool:
    if is_admin(staff):
        return True
    visible = set(db.session.scalars(visible_programmes_subquery(staff)))
    if kind == "request":
        return person.programme_id in visible
    own = set(
        db.session.scalars(
            select(volunteer_programmes.c.programme_id).where(
                volunteer_programmes.c.volunteer_id == person.id
            )
        )
    )
    return bool(own & visible)


def primary_key(table: Table, row: dict) -> tuple:
    return tuple(row[c.name] for c in table.primary_key.columns)


def related_rows(kind: str, person_id: int) -> Related:
    """Walk the foreign keys from the person's row until no new rows turn up."""
    root = person_table(kind)
    other_people = {person_table(k).name for k in KINDS} - {root.name}
    metadata = db.metadata
    found: dict[str, dict[tuple, dict]] = {root.name: {}}
    for row in db.session.execute(select(root).where(root.c.id == person_id)).mappings():
        found[root.name][primary_key(root, row)] = dict(row)
    changed = True
    while changed:
        changed = False
        for table in metadata.sorted_tables:
            if table.name in (root.name, AuditEntry.__tablename__) or table.name in other_people:
                continue
            for fk in table.foreign_keys:
                parent_rows = found.get(fk.column.table.name)
                if not parent_rows:
                    continue
                values = {r[fk.column.name] for r in parent_rows.values()} - {None}
                if not values:
                    continue
                rows = found.setdefault(table.name, {})
                for row in db.session.execute(
                    select(table).where(fk.parent.in_(sorted(values)))
                ).mappings():
                    key = primary_key(table, row)
                    if key not in rows:
                        rows[key] = dict(row)
                        changed = True
    # The questionnaire after a tandem: only the person's own answers belong to them.
    if "tandem_feedback" in found:
        found["tandem_feedback"] = {
            key: row for key, row in found["tandem_feedback"].items() if row["side"] == kind
        }
    tables = {name: [rows[key] for key in sorted(rows)] for name, rows in found.items()}
    return Related(kind, person_id, tables)


def referencing_tables(kind: str) -> set[str]:
    """Names of all tables that reference the person's table, directly or through others."""
    root = person_table(kind).name
    other_people = {person_table(k).name for k in KINDS} - {root}
    reached = {root}
    changed = True
    while changed:
        changed = False
        for table in db.metadata.sorted_tables:
            if table.name in reached or table.name in other_people:
                continue
            if any(fk.column.table.name in reached for fk in table.foreign_keys):
                reached.add(table.name)
                changed = True
    return reached


def audit_rows(related: Related) -> list[dict]:
    conditions = []
    for subject_type, table_name in AUDIT_SUBJECT_TABLES.items():
        rows = related.tables.get(table_name) or []
        ids = sorted({r["id"] for r in rows if "id" in r})
        if ids:
            conditions.append(
                and_(AuditEntry.subject_type == subject_type, AuditEntry.subject_id.in_(ids))
            )
    if not conditions:
        return []
    table = AuditEntry.__table__
    return [
        dict(r)
        for r in db.session.execute(
            select(table).where(or_(*conditions)).order_by(table.c.id)
        ).mappings()
    ]


def run_entries(kind: str, person_id: int, programme_ids: set[int]) -> list[dict]:
    """The person's entries in the 'why unmatched' lists of matching runs."""
    side = ENGINE_SIDES[kind]
    out = []
    runs = db.session.scalars(
        select(MatchingRun)
        .where(MatchingRun.programme_id.in_(sorted(programme_ids)))
        .order_by(MatchingRun.id)
    )
    for run in runs:
        for entry in run.unmatched or []:
            if entry_of(entry, side, person_id):
                out.append({"run_id": run.id, "created_at": run.created_at, **entry})
    return out


def entry_of(entry: dict, side: str, person_id: int) -> bool:
    """Whether an unmatched entry is the person's (ids stored as 7 or as an engine key "v7")."""
    digits = "".join(ch for ch in str(entry.get("person_id", "")) if ch.isdigit())
    return entry.get("side") == side and digits == str(person_id)


def programme_ids(related: Related) -> set[int]:
    ids = {r["programme_id"] for r in related.tables.get("volunteer_programmes", [])}
    for name in ("mentee_requests", "proposals", "tandems"):
        ids |= {r["programme_id"] for r in related.tables.get(name, []) if r.get("programme_id")}
    return ids


def consent_column(kind: str):
    return ConsentRecord.volunteer_id if kind == "volunteer" else ConsentRecord.request_id


def withdrawal_state(kind: str, person_id: int) -> str:
    """'open', 'withdrawn' (nothing left to withdraw) or 'missing'."""
    person = db.session.get(MODELS[kind], person_id)
    if person is None:
        return "missing"
    if person.erased_at is not None:
        return "withdrawn"
    active = db.session.scalar(
        select(ConsentRecord.id)
        .where(consent_column(kind) == person_id, ConsentRecord.withdrawn_at.is_(None))
        .limit(1)
    )
    withdrawn_status = VolunteerStatus.WITHDRAWN if kind == "volunteer" else RequestStatus.WITHDRAWN
    return "withdrawn" if active is None and person.status is withdrawn_status else "open"
