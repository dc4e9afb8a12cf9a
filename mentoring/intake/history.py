"""A record's change history, read from the audit log: when, who, which fields (German labels)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from mentoring.access import staff_names
from mentoring.extensions import db
from mentoring.models import AuditEntry, Proposal, ProposalStatus
from mentoring.operations.records import MATCHING_FIELDS

# The record's attribute names as staff read them. A name missing here shows as stored.
FIELD_LABELS = {
    "first_name": _l("Vorname"),
    "last_name": _l("Nachname"),
    "name_latin": _l("Name in lateinischer Schrift"),
    "email": _l("E-Mail-Adresse"),
    "phone": _l("Telefon"),
    "street": _l("Straße"),
    "house_number": _l("Hausnummer"),
    "contact_channel": _l("Kontaktweg"),
    "correspondence_language": _l("Sprache für Schreiben"),
    "interpreter_needed": _l("Dolmetschung nötig"),
    "birth_year": _l("Geburtsjahr"),
    "postal_code": _l("Postleitzahl"),
    "place_id": _l("Stadtteil"),
    "programmes": _l("Programme"),
    "programme_id": _l("Programm"),
    "capacity": _l("Gleichzeitige Begleitungen"),
    "availability": _l("Zeiten"),
    "travel_places": _l("Fährt auch nach"),
    "travel_radius_km": _l("Fahrweg"),
    "languages": _l("Sprachen"),
    "occupation": _l("Beruf"),
    "tags": _l("Kenntnisse und Berufsfelder"),
    "experience": _l("Erfahrung"),
    "interests": _l("Hobbys und Interessen"),
    "preferred_min_age": _l("Alter der begleiteten Person von"),
    "preferred_max_age": _l("Alter der begleiteten Person bis"),
    "partner_wishes": _l("Wünsche an die Person"),
    "heard_from": _l("Von uns erfahren durch"),
    "referrer_kind": _l("Art der Einrichtung"),
    "referrer_organisation": _l("Name der Einrichtung"),
    "contact_first_name": _l("Vorname der Kontaktperson"),
    "contact_last_name": _l("Nachname der Kontaktperson"),
    "contact_email": _l("E-Mail-Adresse der Kontaktperson"),
    "contact_phone": _l("Telefon der Kontaktperson"),
    "person_first_name": _l("Vorname der unterstützten Person"),
    "person_last_name": _l("Nachname der unterstützten Person"),
    "person_birth_year": _l("Geburtsjahr der unterstützten Person"),
    "person_birth_month": _l("Geburtsmonat"),
    "children_count": _l("Zahl der Kinder"),
    "career_goal": _l("Berufswunsch"),
    "goal": _l("Wünsche an die Patenschaft"),
    "guardian_consent": _l("Einverständnis der Eltern"),
}
CHANNEL_LABELS = {
    "phone": _l("Anmeldung am Telefon erfasst"),
    "counter": _l("Anmeldung im Büro erfasst"),
    "paper": _l("Anmeldung vom Papierbogen erfasst"),
}
# Entries of one save are written together; the log may split a long field list.
SAME_SAVE = timedelta(seconds=2)


@dataclass
class Change:
    at: datetime
    staff: str
    fields: list[str]  # German labels
    matching: bool  # touched what the matching engine reads


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def changes_of(subject_type: str, subject_id: int) -> list[Change]:
    """Edits and staff intake of one record, newest first."""
    entries = db.session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.subject_type == subject_type,
            AuditEntry.subject_id == subject_id,
            AuditEntry.action.in_(("update", "create")),
        )
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    names = staff_names(e.staff_id for e in entries)
    changes: list[Change] = []
    previous = None
    for entry in entries:
        detail = entry.detail or ""
        who = names.get(entry.staff_id, str(_l("unbekannt")))
        if entry.action == "create":
            channel = detail.removeprefix("channel=")
            changes.append(Change(entry.at, who, [str(CHANNEL_LABELS.get(channel, detail))], False))
            previous = None
            continue
        if not detail.startswith("fields="):
            continue
        fields = [f for f in detail.removeprefix("fields=").split(",") if f]
        if (
            previous is not None
            and previous.staff_id == entry.staff_id
            and entry.at - previous.at <= SAME_SAVE
        ):
            change = changes[-1]
        else:
            change = Change(entry.at, who, [], False)
            changes.append(change)
        change.fields.extend(field_label(f) for f in fields)
        change.matching = change.matching or bool(MATCHING_FIELDS.intersection(fields))
        previous = entry
    return list(reversed(changes))


def outdated_proposals(changes: list[Change], proposal_column, subject_id: int) -> list[Proposal]:
    """Open proposals made before the latest change to what matching reads: their reasons and
    score describe the old answers."""
    last = next((c.at for c in changes if c.matching), None)
    if last is None:
        return []
    return list(
        db.session.scalars(
            select(Proposal)
            .where(
                proposal_column == subject_id,
                Proposal.status == ProposalStatus.OPEN,
                Proposal.created_at < last,
            )
            .order_by(Proposal.id)
        )
    )
