"""Disclosing what is stored about a person: the access export and the privacy page, logged.

Both write an audit entry before anything is shown (audit.record_now commits it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from mentoring import audit
from mentoring.extensions import db
from mentoring.models import ConsentRecord, StaffUser
from mentoring.personal_data.export import collect_export
from mentoring.personal_data.links import withdrawal_token
from mentoring.personal_data.records import MODELS, consent_column, get_person

log = logging.getLogger(__name__)


def export_person(*, kind: str, person_id: int, staff: StaffUser, fmt: str = "json") -> dict:
    """The access export; logged as 'export' (ids only) before it is handed out."""
    get_person(kind, person_id, staff)
    data = collect_export(kind, person_id)
    audit.record_now("export", kind, person_id, detail=fmt, staff_id=staff.id)
    log.info("privacy export kind=%s id=%s", kind, person_id)
    return data


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
            .where(consent_column(kind) == person_id)
            .order_by(ConsentRecord.id)
        )
    )
    token = withdrawal_token(kind, person_id) if person.erased_at is None else None
    audit.record_now("view", kind, person_id, detail="privacy", staff_id=staff.id)
    return PersonOverview(kind, db.session.get(MODELS[kind], person_id), consents, token)
