"""Erasure (Art. 17 DSGVO): delete or irreversibly anonymise everything about one person.

Anonymous counts stay right: the person's row, consents, proposals and tandems remain as
shells without personal values (KEPT_ROWS); every other related row is deleted.
"""

from __future__ import annotations

import enum
import json
import logging
import secrets
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, null, select, tuple_, update

from mentoring import audit, clock
from mentoring.extensions import db
from mentoring.models import MatchingRun, RequestStatus, StaffUser, VolunteerStatus
from mentoring.operations.withdrawal import lock_live_person, stop_processing
from mentoring.personal_data.records import (
    ENGINE_SIDES,
    MODELS,
    entry_of,
    person_table,
    primary_key,
    programme_ids,
    related_rows,
)

log = logging.getLogger(__name__)

ERASED_NAME = "Gelöschte Person"
ERASED_FIRST, ERASED_LAST = "Gelöschte", "Person"
# Birth years of erased volunteers are rounded down to this band (age statistics stay possible).
BIRTH_YEAR_BAND = 5


class Keep(enum.Enum):
    """Marker: the row stays (anonymised by its column policy)."""

    ROW = "row"


# Rows that stay after erasure, with the columns overwritten; every other related row is deleted.
# The person's own row is handled by _anonymise_person. Unknown new tables are deleted: safe.
KEPT_ROWS: dict[str, dict[str, Any]] = {
    "consent_records": {"given_by_name": ERASED_NAME},
    "proposals": {"reasons": [], "warnings": [], "decline_note": None},
    "tandems": {"end_note": None, "meeting_place": None},
    "tandem_events": {},
    "check_ins": {"summary": None},
    # Hours per month, not identifying on their own: kept for the report.
    "volunteer_hours": {},
    # The person's own answers to the questionnaire: the figures stay, the free texts go.
    "tandem_feedback": {"went_well": None, "could_be_better": None},
    # Kind, channel, state and times stay for the counts; address and text go.
    "messages": {
        "to_address": None,
        "subject": None,
        "body_text": None,
        "body_html": None,
        "attachments": null(),
        "body_deleted_at": func.current_timestamp(),
    },
    # Categories, not identifying on their own: kept for the report (programme, languages, tags).
    "volunteer_programmes": {},
    "volunteer_languages": {},
    "volunteer_tags": {},
    "request_languages": {},
    "request_tags": {},
}


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
    today = today or clock.today()
    person = lock_live_person(kind, person_id, staff)
    staff_id = staff.id if staff is not None else None
    labels = _display_labels(kind, person)
    stop_processing(kind, person, staff, today)
    related = related_rows(kind, person_id)
    _scrub_runs(kind, person_id, labels, programme_ids(related))
    for table in reversed(db.metadata.sorted_tables):
        rows = related.tables.get(table.name)
        if not rows or table.name == person_table(kind).name:
            continue
        keys = [primary_key(table, r) for r in rows]
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
            if entry_of(entry, side, person_id):
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
    person.street = person.house_number = person.name_latin = None
    person.interpreter_needed = False
    person.status_note = None  # free text typed by staff about the person
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
        person.person_birth_month = person.signup_key = person.person_last_name = None
        person.direct_contact = person.direct_contact_name = None
        person.direct_contact_phone = person.direct_contact_email = None
        person.goal = person.career_goal = None
        if person.status in (RequestStatus.NEW, RequestStatus.OPEN):
            person.status = RequestStatus.WITHDRAWN
        elif person.status is RequestStatus.MATCHED:
            person.status = RequestStatus.CLOSED
