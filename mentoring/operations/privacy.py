"""Data protection use cases: access export (Art. 15), erasure (Art. 17), consent withdrawal.

Which rows belong to a person is found by walking the foreign keys of the model metadata from
the person's row: every table that references the person, or references such a row (a tandem's
notes), is covered without a list to keep in step. Erasure keeps anonymous shells where the
committee report counts rows (the person, consents, proposals, tandems) and deletes the rest.
"""

from __future__ import annotations

import enum
import json
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired
from sqlalchemy import Table, and_, delete, or_, select, tuple_, update

from mentoring import audit, signing
from mentoring.access import is_admin, visible_programmes_subquery
from mentoring.extensions import db
from mentoring.models import (
    OCCUPYING_STATUSES,
    AuditEntry,
    CheckIn,
    ConsentRecord,
    EndReason,
    MatchingRun,
    MenteeRequest,
    Proposal,
    ProposalStatus,
    RequestStatus,
    StaffUser,
    Tandem,
    TandemEvent,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.people import volunteer_programmes
from mentoring.operations import OperationError

log = logging.getLogger(__name__)

KINDS = ("volunteer", "request")
MODELS = {"volunteer": Volunteer, "request": MenteeRequest}
# How the engine's unmatched list names each side (MatchingRun.unmatched[*].side).
ENGINE_SIDES = {"volunteer": "mentor", "request": "mentee"}
ERASED_NAME = "Gelöschte Person"
ERASED_FIRST, ERASED_LAST = "Gelöschte", "Person"
# Birth years of erased volunteers are rounded down to this band (age statistics stay possible).
BIRTH_YEAR_BAND = 5
WITHDRAWN_NOTE = "Einwilligung widerrufen"

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


class Keep(enum.Enum):
    """Marker: the row stays (anonymised by its column policy)."""

    ROW = "row"


# Rows that stay after erasure, with the columns overwritten; every other related row is deleted.
# The person's own row is handled by _anonymise_person. Unknown new tables are deleted: safe.
KEPT_ROWS: dict[str, dict[str, Any]] = {
    "consent_records": {"given_by_name": ERASED_NAME},
    "proposals": {"reasons": [], "decline_note": None},
    "tandems": {"end_note": None},
    "tandem_events": {},
    "check_ins": {"summary": None},
    # Categories, not identifying on their own: kept for the report (programme, languages, tags).
    "volunteer_programmes": {},
    "volunteer_languages": {},
    "volunteer_tags": {},
    "request_languages": {},
    "request_tags": {},
}


class PersonNotFound(OperationError):
    """No such person, or not visible to this staff member."""


@dataclass(frozen=True)
class Related:
    """A person's row and every row that belongs to them, by table name."""

    kind: str
    person_id: int
    tables: dict[str, list[dict]]


# --- finding -------------------------------------------------------------------------------


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


def _primary_key(table: Table, row: dict) -> tuple:
    return tuple(row[c.name] for c in table.primary_key.columns)


def related_rows(kind: str, person_id: int) -> Related:
    """Walk the foreign keys from the person's row until no new rows turn up."""
    root = person_table(kind)
    other_people = {person_table(k).name for k in KINDS} - {root.name}
    metadata = db.metadata
    found: dict[str, dict[tuple, dict]] = {root.name: {}}
    for row in db.session.execute(select(root).where(root.c.id == person_id)).mappings():
        found[root.name][_primary_key(root, row)] = dict(row)
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
                    key = _primary_key(table, row)
                    if key not in rows:
                        rows[key] = dict(row)
                        changed = True
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


def _audit_rows(related: Related) -> list[dict]:
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


def _run_entries(kind: str, person_id: int, programme_ids: set[int]) -> list[dict]:
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
            if _entry_of(entry, side, person_id):
                out.append({"run_id": run.id, "created_at": run.created_at, **entry})
    return out


def _entry_of(entry: dict, side: str, person_id: int) -> bool:
    """Whether an unmatched entry is the person's (ids stored as 7 or as an engine key "v7")."""
    digits = "".join(ch for ch in str(entry.get("person_id", "")) if ch.isdigit())
    return entry.get("side") == side and digits == str(person_id)


def _programme_ids(related: Related) -> set[int]:
    ids = {r["programme_id"] for r in related.tables.get("volunteer_programmes", [])}
    for name in ("mentee_requests", "proposals", "tandems"):
        ids |= {r["programme_id"] for r in related.tables.get(name, []) if r.get("programme_id")}
    return ids


# --- access export (Art. 15) ---------------------------------------------------------------


def jsonable(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def collect_export(kind: str, person_id: int) -> dict:
    """Everything stored about one person, as plain JSON-ready data (no audit entry)."""
    person = get_person(kind, person_id)
    related = related_rows(kind, person_id)
    tables = dict(related.tables)
    tables[AuditEntry.__tablename__] = _audit_rows(related)
    tables[MatchingRun.__tablename__] = _run_entries(kind, person_id, _programme_ids(related))
    return jsonable(
        {
            "meta": {
                "title": "Auskunft nach Art. 15 DSGVO",
                "kind": kind,
                "id": person_id,
                "reference": person.reference,
                "erased": person.erased_at is not None,
                "created": datetime.now(UTC).replace(microsecond=0),
                "controller": current_app.config["OPERATOR_NAME"],
            },
            "tables": {name: tables[name] for name in sorted(tables)},
        }
    )


def export_person(*, kind: str, person_id: int, staff: StaffUser, fmt: str = "json") -> dict:
    """The access export; logged as 'export' (ids only) before it is handed out."""
    get_person(kind, person_id, staff)
    data = collect_export(kind, person_id)
    audit.record_now("export", kind, person_id, detail=fmt, staff_id=staff.id)
    log.info("privacy export kind=%s id=%s", kind, person_id)
    return data


def export_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


@dataclass(frozen=True)
class PersonOverview:
    kind: str
    person: Any
    consents: list[ConsentRecord]
    withdrawal_link_token: str | None


def view_person(*, kind: str, person_id: int, staff: StaffUser) -> PersonOverview:
    """The person's privacy page; the view is logged."""
    person = get_person(kind, person_id, staff)
    consents = list(
        db.session.scalars(
            select(ConsentRecord)
            .where(_consent_column(kind) == person_id)
            .order_by(ConsentRecord.id)
        )
    )
    token = withdrawal_token(kind, person_id) if person.erased_at is None else None
    audit.record_now("view", kind, person_id, detail="privacy", staff_id=staff.id)
    return PersonOverview(kind, db.session.get(MODELS[kind], person_id), consents, token)


def _consent_column(kind: str):
    return ConsentRecord.volunteer_id if kind == "volunteer" else ConsentRecord.request_id


# --- stopping processing -------------------------------------------------------------------


def _begin_write() -> None:
    """SQLite: take the single writer lock up front, as PostgreSQL's row locks do."""
    conn = db.session.connection()
    if conn.dialect.name == "sqlite" and not conn.connection.dbapi_connection.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _lock_person(kind: str, person_id: int):
    _begin_write()
    return db.session.execute(
        select(MODELS[kind])
        .where(MODELS[kind].id == person_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()


def _stop_processing(kind: str, person, staff_id: int | None, today: date) -> tuple[int, int]:
    """Close open proposals and end running tandems; returns (proposals, tandems)."""
    now = datetime.now(UTC)
    proposal_column = Proposal.volunteer_id if kind == "volunteer" else Proposal.request_id
    closed = db.session.execute(
        update(Proposal)
        .where(proposal_column == person.id, Proposal.status == ProposalStatus.OPEN)
        .values(status=ProposalStatus.CLOSED, decided_at=now, decided_by_id=staff_id)
        .execution_options(synchronize_session=False)
    ).rowcount
    tandem_column = Tandem.volunteer_id if kind == "volunteer" else Tandem.request_id
    tandems = list(
        db.session.scalars(
            select(Tandem)
            .where(tandem_column == person.id, Tandem.status != TandemStatus.ENDED)
            .order_by(Tandem.id)
        )
    )
    for tandem in tandems:
        db.session.add(
            TandemEvent(
                tandem_id=tandem.id,
                from_status=tandem.status.value,
                to_status=TandemStatus.ENDED.value,
                staff_id=staff_id,
                at=now,
            )
        )
        audit.record(
            "tandem_status",
            "tandem",
            tandem.id,
            f"{tandem.status.value}->ended:withdrawn",
            staff_id=staff_id,
        )
        tandem.status = TandemStatus.ENDED
        tandem.ended_on = today
        tandem.end_reason = EndReason.OTHER
        tandem.end_note = WITHDRAWN_NOTE
        db.session.execute(
            delete(CheckIn)
            .where(CheckIn.tandem_id == tandem.id, CheckIn.done_on.is_(None))
            .execution_options(synchronize_session=False)
        )
        _free_partner(kind, tandem)
    db.session.flush()
    db.session.expire_all()  # the bulk updates above bypassed the identity map
    return closed, len(tandems)


def _free_partner(kind: str, tandem: Tandem) -> None:
    """The other partner did nothing wrong: the mentee waits again, the volunteer is free."""
    db.session.flush()
    partner_request = tandem.request if kind == "volunteer" else None
    if partner_request is not None and partner_request.status is RequestStatus.MATCHED:
        partner_request.status = RequestStatus.OPEN
    if kind == "request" and tandem.volunteer is not None:
        volunteer = tandem.volunteer
        busy = db.session.scalar(
            select(Tandem.id)
            .where(
                Tandem.volunteer_id == volunteer.id,
                Tandem.id != tandem.id,
                Tandem.status.in_(OCCUPYING_STATUSES),
            )
            .limit(1)
        )
        if volunteer.status is VolunteerStatus.ACTIVE and busy is None:
            volunteer.status = VolunteerStatus.READY


# --- consent withdrawal --------------------------------------------------------------------


@dataclass(frozen=True)
class WithdrawalResult:
    consents: int
    proposals_closed: int
    tandems_ended: int


def withdraw_consent(
    *,
    kind: str,
    person_id: int,
    staff: StaffUser | None,
    via: str = "staff",
    today: date | None = None,
) -> WithdrawalResult:
    """Stop all processing: consents withdrawn, out of matching, tandems ended.

    The person then waits PRIVACY_WITHDRAWN_GRACE_DAYS for `flask privacy purge` to erase them.
    """
    today = today or datetime.now(UTC).date()
    if staff is not None:
        get_person(kind, person_id, staff)
    person = _lock_person(kind, person_id) if kind in KINDS else None
    if person is None:
        db.session.rollback()
        raise PersonNotFound(_("Diese Person gibt es nicht."))
    if person.erased_at is not None:
        db.session.rollback()
        raise OperationError(_("Die Daten dieser Person sind bereits gelöscht."))
    consents = list(
        db.session.scalars(
            select(ConsentRecord).where(
                _consent_column(kind) == person_id, ConsentRecord.withdrawn_at.is_(None)
            )
        )
    )
    withdrawn_status = VolunteerStatus.WITHDRAWN if kind == "volunteer" else RequestStatus.WITHDRAWN
    if not consents and person.status is withdrawn_status:
        db.session.rollback()
        raise OperationError(_("Die Einwilligung wurde bereits widerrufen."))
    now = datetime.now(UTC)
    for consent in consents:
        consent.withdrawn_at = now
    person.status = withdrawn_status
    staff_id = staff.id if staff is not None else None
    closed, ended = _stop_processing(kind, person, staff_id, today)
    audit.record("withdraw", kind, person_id, detail=via, staff_id=staff_id)
    db.session.commit()
    log.info("consent withdrawn kind=%s id=%s via=%s", kind, person_id, via)
    return WithdrawalResult(len(consents), closed, ended)


def withdrawal_token(kind: str, person_id: int) -> str:
    return signing.dumps(signing.CONSENT_WITHDRAWAL, {"kind": kind, "id": person_id})


def read_withdrawal_token(token: str) -> tuple[str, int]:
    """(kind, id) from a signed link; OperationError for a tampered or expired one."""
    max_age = current_app.config["PRIVACY_WITHDRAWAL_LINK_DAYS"] * 86400
    try:
        data = signing.loads(signing.CONSENT_WITHDRAWAL, token, max_age=max_age)
    except SignatureExpired:
        raise OperationError(
            _(
                "Dieser Link ist abgelaufen. Bitte wenden Sie sich an uns, "
                "wir helfen Ihnen gern weiter."
            )
        ) from None
    except BadSignature:
        raise OperationError(
            _(
                "Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig "
                "ist, oder wenden Sie sich an uns."
            )
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("kind") not in KINDS
        or not isinstance(data.get("id"), int)
    ):
        raise OperationError(
            _(
                "Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig "
                "ist, oder wenden Sie sich an uns."
            )
        )
    return data["kind"], data["id"]


def withdrawal_state(kind: str, person_id: int) -> str:
    """'open', 'withdrawn' (nothing left to withdraw) or 'missing'."""
    person = db.session.get(MODELS[kind], person_id)
    if person is None:
        return "missing"
    if person.erased_at is not None:
        return "withdrawn"
    active = db.session.scalar(
        select(ConsentRecord.id)
        .where(_consent_column(kind) == person_id, ConsentRecord.withdrawn_at.is_(None))
        .limit(1)
    )
    withdrawn_status = VolunteerStatus.WITHDRAWN if kind == "volunteer" else RequestStatus.WITHDRAWN
    return "withdrawn" if active is None and person.status is withdrawn_status else "open"


# --- erasure (Art. 17) ---------------------------------------------------------------------


def erase_person(
    *,
    kind: str,
    person_id: int,
    staff: StaffUser | None,
    reason: str = "request",
    today: date | None = None,
) -> None:
    """Delete or irreversibly anonymise everything about one person, in one transaction.

    Anonymous counts stay right: the person's row, consents, proposals and tandems remain as
    shells without personal values. The audit entry holds ids only.
    """
    today = today or datetime.now(UTC).date()
    if staff is not None:
        get_person(kind, person_id, staff)
    person = _lock_person(kind, person_id) if kind in KINDS else None
    if person is None:
        db.session.rollback()
        raise PersonNotFound(_("Diese Person gibt es nicht."))
    if person.erased_at is not None:
        db.session.rollback()
        raise OperationError(_("Die Daten dieser Person sind bereits gelöscht."))
    staff_id = staff.id if staff is not None else None
    labels = _display_labels(kind, person)
    _stop_processing(kind, person, staff_id, today)
    related = related_rows(kind, person_id)
    _scrub_runs(kind, person_id, labels, _programme_ids(related))
    for table in reversed(db.metadata.sorted_tables):
        rows = related.tables.get(table.name)
        if not rows or table.name == person_table(kind).name:
            continue
        keys = [_primary_key(table, r) for r in rows]
        pk = tuple_(*table.primary_key.columns)
        where = (
            pk.in_(keys)
            if len(table.primary_key.columns) > 1
            else (table.primary_key.columns[0].in_([k[0] for k in keys]))
        )
        if table.name in KEPT_ROWS:
            if KEPT_ROWS[table.name]:
                db.session.execute(update(table).where(where).values(**KEPT_ROWS[table.name]))
        else:
            db.session.execute(delete(table).where(where))
    _anonymise_person(kind, db.session.get(MODELS[kind], person_id))
    audit.record("erase", kind, person_id, detail=reason, staff_id=staff_id)
    db.session.commit()
    log.info("person erased kind=%s id=%s reason=%s", kind, person_id, reason)


def _display_labels(kind: str, person) -> list[str]:
    """How other rows may quote the person (matching explanations)."""
    if kind == "volunteer":
        return [person.full_name]
    labels = [person.reference]
    if person.person_first_name:
        labels.insert(0, f"{person.person_first_name} ({person.reference})")
    return labels


def _scrub_runs(kind: str, person_id: int, labels: list[str], programme_ids: set[int]) -> None:
    """Drop the person's 'why unmatched' entry; replace their name in everybody else's."""
    side = ENGINE_SIDES[kind]
    for run in db.session.scalars(
        select(MatchingRun).where(MatchingRun.programme_id.in_(sorted(programme_ids)))
    ):
        entries = []
        for entry in run.unmatched or []:
            if _entry_of(entry, side, person_id):
                continue
            text = json.dumps(entry, ensure_ascii=False)
            for label in labels:
                text = text.replace(json.dumps(label, ensure_ascii=False)[1:-1], ERASED_NAME)
            entries.append(json.loads(text))
        if entries != run.unmatched:
            run.unmatched = entries


def _anonymise_person(kind: str, person) -> None:
    person.reference = "X-" + secrets.token_hex(6).upper()[:9]
    person.erased_at = datetime.now(UTC)
    person.availability = 0
    if kind == "volunteer":
        person.first_name, person.last_name = ERASED_FIRST, ERASED_LAST
        person.email = f"geloescht-{person.id}@invalid"
        person.phone = person.occupation = person.experience = person.interests = None
        person.partner_wishes = None
        person.travel_radius_km = person.preferred_min_age = person.preferred_max_age = None
        person.interview_on = person.training_on = None
        person.birth_year -= person.birth_year % BIRTH_YEAR_BAND
        person.status = VolunteerStatus.WITHDRAWN
    else:
        person.contact_first_name, person.contact_last_name = ERASED_FIRST, ERASED_LAST
        person.contact_email = f"geloescht-a{person.id}@invalid"
        person.contact_phone = person.referrer_organisation = person.person_first_name = None
        person.person_birth_month = person.signup_key = None
        person.goal = person.career_goal = None
        if person.status in (RequestStatus.NEW, RequestStatus.OPEN):
            person.status = RequestStatus.WITHDRAWN
        elif person.status is RequestStatus.MATCHED:
            person.status = RequestStatus.CLOSED
