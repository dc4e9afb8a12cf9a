"""Disclosing what is stored about a person: the privacy page and the access export, logged.

The export is reviewed before it is handed out (Art. 15 Abs. 4 DSGVO): the preview, the review
and every hand-out (page, PDF, JSON) write an audit entry before anything is shown
(audit.record_now commits it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from itsdangerous import BadSignature
from sqlalchemy import select

from mentoring import audit, signing
from mentoring.extensions import db
from mentoring.models import ConsentRecord, StaffUser
from mentoring.operations import OperationError
from mentoring.personal_data.document import Document
from mentoring.personal_data.handout import Prepared, prepare, redacted
from mentoring.personal_data.links import withdrawal_token
from mentoring.personal_data.records import MODELS, consent_column, get_person
from mentoring.personal_data.redaction import Redactor

log = logging.getLogger(__name__)


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


REVIEW_VALID_HOURS = 24


def preview_export(*, kind: str, person_id: int, staff: StaffUser) -> Prepared:
    """The unredacted export with its third-party data, for staff to review; logged as a view."""
    get_person(kind, person_id, staff)
    prepared = prepare(kind, person_id)
    audit.record_now("view", kind, person_id, detail="export-review", staff_id=staff.id)
    return prepared


def review_export(
    *, kind: str, person_id: int, staff: StaffUser, shown: set[str], redact: set[str]
) -> str:
    """Staff confirmed which of the shown candidates to redact; returns the hand-out token.

    Only candidates that were shown and not ticked are kept; anything else found at hand-out
    time (text added since) is redacted. Logged with the counts, never the texts.
    """
    get_person(kind, person_id, staff)
    candidates = {c.key for c in prepare(kind, person_id).candidates}
    kept = (shown & candidates) - redact
    token = signing.dumps(
        signing.DISCLOSURE_REVIEW, {"kind": kind, "id": person_id, "keep": sorted(kept)}
    )
    audit.record_now(
        "export_reviewed",
        kind,
        person_id,
        detail=f"redacted={len(candidates - kept)} kept={len(kept)}",
        staff_id=staff.id,
    )
    return token


def hand_out(
    *, kind: str, person_id: int, staff: StaffUser, token: str, fmt: str
) -> tuple[Document, dict, Redactor]:
    """The reviewed, redacted export; logged as 'export' with the format before it goes out."""
    get_person(kind, person_id, staff)
    kept = _reviewed(token, kind, person_id)
    document, data, red = redacted(prepare(kind, person_id), kept)
    audit.record_now("export", kind, person_id, detail=fmt, staff_id=staff.id)
    log.info("privacy export kind=%s id=%s fmt=%s", kind, person_id, fmt)
    return document, data, red


def _reviewed(token: str, kind: str, person_id: int) -> set[str]:
    try:
        data = signing.loads(
            signing.DISCLOSURE_REVIEW, token or "", max_age=REVIEW_VALID_HOURS * 3600
        )
    except BadSignature:
        raise NotReviewed(
            _("Bitte prüfen Sie die Auskunft zuerst; die Prüfung gilt 24 Stunden.")
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("kind") != kind
        or data.get("id") != person_id
        or not isinstance(data.get("keep"), list)
    ):
        raise NotReviewed(_("Bitte prüfen Sie die Auskunft zuerst; die Prüfung gilt 24 Stunden."))
    return {k for k in data["keep"] if isinstance(k, str)}


class NotReviewed(OperationError):
    """The export was not reviewed (or the review is too old or for someone else)."""
