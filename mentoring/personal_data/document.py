"""The access export (Art. 15 DSGVO) as a document a person can read.

Built from the same walk of the foreign keys as the JSON export (records.related_rows), so a new
table about a person turns up by itself: in its own section if one is named for it below, else in
"Weitere gespeicherte Angaben". Every column has a German label or is deliberately left out
(HIDDEN: internal numbers, hashes, references to other people); tests/privacy checks that no
column of a table about a person is without either.

Order: the person's own data, consents and checks, proposals and tandems, messages (fed by
SOURCES, so that further stores plug in), notes from matching runs, then who looked at the data.
No internal ids; dates in German form; staff are named by role, not by name (CJEU C-579/21).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, String, Text, select

from mentoring import availability, clock, labels
from mentoring.extensions import db
from mentoring.i18n import translate_reference_text
from mentoring.models import Language, Place, Programme, StaffUser, Tag
from mentoring.personal_data.records import (
    Related,
    audit_rows,
    get_person,
    programme_ids,
    related_rows,
    run_entries,
)

# Columns never shown: internal numbers, hashes, and references to other people's rows.
# body_html repeats body_text; resend_of_id is an internal number.
HIDDEN_COLUMNS = {
    "id",
    "signup_key",
    "run_id",
    "proposal_id",
    "tandem_id",
    "body_html",
    "resend_of_id",
    "side",
}
HIDDEN_TARGETS = {"volunteers", "mentee_requests", "staff_users", "tandems", "proposals"}

# Columns both person tables have: how to reach the person and where the casework stands.
_CONTACT_AND_CASEWORK = {
    "email_confirmed_at": _l("E-Mail-Adresse bestätigt am"),
    "intake_channel": _l("Anmeldung über"),
    "street": _l("Straße"),
    "house_number": _l("Hausnummer"),
    "contact_channel": _l("Gewünschter Kontaktweg"),
    "correspondence_language": _l("Sprache für Briefe und Nachrichten"),
    "interpreter_needed": _l("Dolmetschung nötig"),
    "name_latin": _l("Name in lateinischer Schrift"),
    "status_reason": _l("Grund für den Stand"),
    "status_note": _l("Bemerkung zum Stand"),
    "status_changed_at": _l("Stand geändert am"),
    "first_contact_on": _l("Erster Kontakt am"),
    "first_contact_channel": _l("Erster Kontakt über"),
}

COLUMN_LABELS: dict[str, dict[str, object]] = {
    "volunteers": {
        "reference": _l("Kennung"),
        "first_name": _l("Vorname"),
        "last_name": _l("Nachname"),
        "email": _l("E-Mail-Adresse"),
        "phone": _l("Telefon"),
        "birth_year": _l("Geburtsjahr"),
        "postal_code": _l("Postleitzahl"),
        "place_id": _l("Stadtteil"),
        "occupation": _l("Beruf"),
        "experience": _l("Erfahrung"),
        "interests": _l("Hobbys und Interessen"),
        "capacity": _l("Tandems gleichzeitig"),
        "travel_radius_km": _l("Wie weit Sie fahren (km)"),
        "availability": _l("Wann Sie Zeit haben"),
        "preferred_min_age": _l("Alter der begleiteten Person: von"),
        "preferred_max_age": _l("Alter der begleiteten Person: bis"),
        "partner_wishes": _l("Wünsche an die Partnerin oder den Partner"),
        "heard_from": _l("Wie Sie von uns erfahren haben"),
        "status": _l("Stand der Bearbeitung"),
        "locale": _l("Sprache der Anmeldung"),
        "created_at": _l("Angemeldet am"),
        "interview_on": _l("Erstgespräch am"),
        "training_on": _l("Schulung am"),
        "erased_at": _l("Gelöscht am"),
        "paused_until": _l("Pause bis"),
        **_CONTACT_AND_CASEWORK,
    },
    "mentee_requests": {
        "reference": _l("Kennung"),
        "programme_id": _l("Programm"),
        "registered_by": _l("Angemeldet von"),
        "contact_first_name": _l("Vorname der Kontaktperson"),
        "contact_last_name": _l("Nachname der Kontaktperson"),
        "contact_email": _l("E-Mail-Adresse"),
        "contact_phone": _l("Telefon"),
        "referrer_kind": _l("Art der Einrichtung"),
        "referrer_organisation": _l("Einrichtung"),
        "person_first_name": _l("Vorname der unterstützten Person"),
        "person_birth_year": _l("Geburtsjahr"),
        "person_birth_month": _l("Geburtsmonat"),
        "children_count": _l("Anzahl der Kinder"),
        "postal_code": _l("Postleitzahl"),
        "place_id": _l("Stadtteil"),
        "goal": _l("Wobei Unterstützung gewünscht ist"),
        "career_goal": _l("Berufswunsch"),
        "availability": _l("Wann Zeit ist"),
        "status": _l("Stand der Bearbeitung"),
        "locale": _l("Sprache der Anmeldung"),
        "created_at": _l("Angemeldet am"),
        "erased_at": _l("Gelöscht am"),
        "person_last_name": _l("Nachname der unterstützten Person"),
        "direct_contact": _l("Wen wir direkt ansprechen"),
        "direct_contact_name": _l("Name der direkten Kontaktperson"),
        "direct_contact_phone": _l("Telefon der direkten Kontaktperson"),
        "direct_contact_email": _l("E-Mail-Adresse der direkten Kontaktperson"),
        "on_hold": _l("Zurückgestellt"),
        "on_hold_until": _l("Zurückgestellt bis"),
        **_CONTACT_AND_CASEWORK,
    },
    "volunteer_programmes": {"programme_id": _l("Programme")},
    "volunteer_languages": {"language_code": _l("Sprachen")},
    "volunteer_tags": {"tag_id": _l("Fachgebiete und Berufsfelder")},
    "volunteer_travel_places": {"place_id": _l("Erreichbare Stadtteile")},
    "request_languages": {"language_code": _l("Sprachen")},
    "request_tags": {"tag_id": _l("Bedarfe und Berufsfelder")},
    "consent_records": {
        "purpose": _l("Zweck"),
        "text_version": _l("Fassung der Datenschutzerklärung"),
        "given_at": _l("Erteilt am"),
        "given_by_name": _l("Erteilt von"),
        "given_by_role": _l("Erteilt als"),
        "on_behalf_of": _l("Für wen"),
        "withdrawn_at": _l("Widerrufen am"),
        "given_as": _l("Wie erteilt"),
        "privacy_notice": _l("Datenschutzhinweis"),
    },
    "duplicate_signups": {
        "reference": _l("Kennung der weiteren Anmeldung"),
        "created_at": _l("Bemerkt am"),
    },
    "pair_exclusions": {"reason": _l("Grund"), "created_at": _l("Eingetragen am")},
    "police_checks": {
        "issue_date": _l("Ausgestellt am"),
        "inspected_on": _l("Eingesehen am"),
        "conviction_listed": _l("Relevanter Eintrag"),
        "created_at": _l("Eingetragen am"),
    },
    "proposals": {
        "programme_id": _l("Programm"),
        "score": _l("Passung"),
        "score_parts": _l("Passung nach Gesichtspunkten"),
        "reasons": _l("Begründung"),
        "warnings": _l("Zu beachten"),
        "source": _l("Vorgeschlagen durch"),
        "status": _l("Stand"),
        "decline_reason": _l("Grund der Ablehnung"),
        "decline_note": _l("Bemerkung zur Ablehnung"),
        "decided_at": _l("Entschieden am"),
        "created_at": _l("Vorgeschlagen am"),
        "volunteer_answer": _l("Antwort der/des Ehrenamtlichen per Link"),
        "volunteer_answer_reason": _l("Grund der Antwort"),
        "volunteer_answered_at": _l("Geantwortet am"),
    },
    "tandems": {
        "programme_id": _l("Programm"),
        "status": _l("Stand"),
        "first_meeting_on": _l("Erstes Treffen am"),
        "coordinator_present": _l("Koordination beim ersten Treffen dabei"),
        "ended_on": _l("Beendet am"),
        "end_reason": _l("Grund des Endes"),
        "end_note": _l("Bemerkung zum Ende"),
        "created_at": _l("Vermittelt am"),
        "request_signed_up_at": _l("Anfrage eingegangen am"),
        "meeting_at": _l("Geplantes erstes Treffen"),
        "meeting_place": _l("Ort des ersten Treffens"),
        "meeting_sequence": _l("Fassung der Kalendereinladung"),
    },
    "tandem_events": {
        "from_status": _l("Stand vorher"),
        "to_status": _l("Stand nachher"),
        "at": _l("Zeitpunkt"),
    },
    "check_ins": {
        "due_on": _l("Geplant für"),
        "done_on": _l("Geführt am"),
        "summary": _l("Zusammenfassung"),
    },
    "tandem_notes": {"text": _l("Notiz"), "created_at": _l("Geschrieben am")},
    "tandem_introductions": {
        "volunteer_shares": _l("Weitergegebene Angaben der ehrenamtlichen Person"),
        "request_shares": _l("Weitergegebene Angaben der Familie bzw. jungen Person"),
        "meeting_place": _l("Ort des Kennenlernens"),
        "meeting_on": _l("Datum des Kennenlernens"),
        "meeting_time": _l("Uhrzeit des Kennenlernens"),
        "rhythm": _l("Vereinbarter Rhythmus"),
        "coordinator_phone": _l("Telefon der Koordination"),
        "updated_at": _l("Geändert am"),
    },
    "volunteer_hours": {
        "month": _l("Monat"),
        "hours": _l("Stunden"),
        "recorded_at": _l("Eingetragen am"),
    },
    "messages": {
        "kind": _l("Art der Nachricht"),
        "channel": _l("Zustellweg"),
        "locale": _l("Sprache"),
        "to_address": _l("Empfänger"),
        "subject": _l("Betreff"),
        "body_text": _l("Nachrichtentext"),
        "attachments": _l("Anhang"),
        "message_id": _l("Nachrichtenkennung"),
        "state": _l("Stand"),
        "attempts": _l("Zustellversuche"),
        "next_attempt_at": _l("Nächster Versuch am"),
        "last_error": _l("Letzter Fehler"),
        "created_at": _l("Erstellt am"),
        "sent_at": _l("Gesendet am"),
        "body_deleted_at": _l("Text gelöscht am"),
    },
    "proposal_steps": {
        "kind": _l("Schritt"),
        "done_on": _l("Am"),
        "created_at": _l("Eingetragen am"),
    },
    "tandem_feedback": {
        "programme_id": _l("Programm"),
        "satisfaction": _l("Zufriedenheit (1 bis 5)"),
        "would_recommend": _l("Würden ein Tandem empfehlen"),
        "went_well": _l("Was war gut?"),
        "could_be_better": _l("Was könnten wir besser machen?"),
        "submitted_at": _l("Beantwortet am"),
    },
}
# Columns stored as a plain string whose words live in labels.py.
STATUS_COLUMNS = {
    ("tandem_events", "from_status"): "TandemStatus",
    ("tandem_events", "to_status"): "TandemStatus",
    ("messages", "kind"): "MessageKind",
}

# The sections in the order the document shows them; each lists the tables it is made of.
SECTIONS: list[tuple[str, object, tuple[str, ...]]] = [
    ("consents", _l("Ihre Einwilligungen"), ("consent_records",)),
    (
        "checks",
        _l("Prüfungen und Hinweise"),
        ("police_checks", "duplicate_signups", "pair_exclusions"),
    ),
    ("proposals", _l("Vorschläge für ein Tandem"), ("proposals",)),
    (
        "tandems",
        _l("Ihre Tandems"),
        ("tandems", "tandem_events", "check_ins", "tandem_notes", "tandem_feedback"),
    ),
]
TABLE_TITLES = {
    "consent_records": _l("Einwilligung"),
    "police_checks": _l("Erweitertes Führungszeugnis (nur die Tatsache der Einsichtnahme)"),
    "duplicate_signups": _l("Hinweis auf eine doppelte Anmeldung"),
    "pair_exclusions": _l("Paar, das nicht wieder vorgeschlagen wird"),
    "proposals": _l("Vorschlag"),
    "tandems": _l("Tandem"),
    "tandem_events": _l("Änderung am Tandem"),
    "check_ins": _l("Begleitgespräch"),
    "tandem_notes": _l("Notiz der Koordination"),
    "tandem_feedback": _l("Ihre Rückmeldung nach dem Tandem"),
}
# Tables folded into the person's own section as one list each.
LIST_TABLES = (
    "volunteer_programmes",
    "volunteer_languages",
    "volunteer_tags",
    "volunteer_travel_places",
    "request_languages",
    "request_tags",
)
PERSON_TABLES = {"volunteer": "volunteers", "request": "mentee_requests"}
ROLE_WORDS = {"admin": _l("Administration"), "coordinator": _l("Koordination")}


@dataclass
class Item:
    label: str
    value: str
    free_text: bool = False  # written by a person: where other people's data may hide
    column: str = ""  # the stored column it shows


@dataclass
class Entry:
    heading: str
    items: list[Item]


@dataclass
class Section:
    key: str
    title: str
    entries: list[Entry] = field(default_factory=list)
    empty: str = ""


@dataclass
class Document:
    kind: str
    reference: str
    meta: list[Item]
    sections: list[Section]
    locale: str = "de"  # the language the person signed up in


@dataclass
class Context:
    """What a section source needs: the person's rows and the decoding lookups."""

    kind: str
    related: Related
    lookups: Lookups


# A source adds entries to the section "messages" (or another key); each returns a list of
# Entry. The messages store plugs in here: its table is shown by `table_source("messages")`.
SourceFn = Callable[[Context], list[Entry]]
SOURCES: dict[str, list[SourceFn]] = {}


def register_source(section_key: str, source: SourceFn) -> None:
    SOURCES.setdefault(section_key, []).append(source)


def table_source(table_name: str, title: object) -> SourceFn:
    """A source that shows the rows of one table about the person, if the table exists."""

    def source(context: Context) -> list[Entry]:
        rows = context.related.tables.get(table_name) or []
        return [Entry(str(title), _items(context, table_name, row)) for row in rows]

    return source


MESSAGE_TABLES = ("messages",)
for _table in MESSAGE_TABLES:
    register_source("messages", table_source(_table, _l("Nachricht")))


@dataclass
class Lookups:
    programmes: dict[int, str]
    places: dict[int, str]
    languages: dict[str, str]
    tags: dict[int, str]
    roles: dict[int, str]

    @classmethod
    def load(cls) -> Lookups:
        places = db.session.scalars(select(Place))
        return cls(
            programmes={p.id: p.name for p in db.session.scalars(select(Programme))},
            places={p.id: f"{p.name} ({p.district.name})" for p in places},
            languages={
                lang.code: translate_reference_text(lang.name)
                for lang in db.session.scalars(select(Language))
            },
            tags={t.id: translate_reference_text(t.label) for t in db.session.scalars(select(Tag))},
            roles={
                s.id: str(ROLE_WORDS.get(s.role.value, s.role.value))
                for s in db.session.scalars(select(StaffUser))
            },
        )


# Notes typed by staff about the person: in the Auskunft only after the staff review (they may
# name other people), never on the person's own self-service page.
STAFF_WRITTEN = {"status_note"}


def build_document(kind: str, person_id: int) -> Document:
    """The readable access export of one person (nothing logged, nothing redacted here)."""
    person = get_person(kind, person_id)
    related = related_rows(kind, person_id)
    context = Context(kind, related, Lookups.load())
    sections = [_person_section(context)]
    shown = {PERSON_TABLES[kind], *LIST_TABLES, *MESSAGE_TABLES}
    for key, title, tables in SECTIONS:
        section = Section(key, str(title), empty=_("Keine Einträge."))
        for table_name in tables:
            shown.add(table_name)
            for row in related.tables.get(table_name) or []:
                heading = str(TABLE_TITLES.get(table_name, table_name))
                section.entries.append(Entry(heading, _items(context, table_name, row)))
        sections.append(section)
    messages = Section("messages", _("Nachrichten an Sie"), empty=_("Keine Nachrichten."))
    for source in SOURCES.get("messages", []):
        messages.entries.extend(source(context))
    sections.append(messages)
    other = Section("other", _("Weitere gespeicherte Angaben"), empty=_("Keine Einträge."))
    for table_name in sorted(set(related.tables) - shown):
        for row in related.tables[table_name]:
            other.entries.append(Entry(_("Weitere Angabe"), _items(context, table_name, row)))
    if other.entries:
        sections.append(other)
    sections.append(_runs_section(context, person_id))
    sections.append(_audit_section(context, related))
    meta = [
        Item(_("Verantwortlich"), current_app.config["OPERATOR_NAME"]),
        Item(_("Kennung"), person.reference),
        Item(_("Erstellt am"), german_moment(clock.now())),
    ]
    if person.erased_at is not None:
        meta.append(Item(_("Stand"), _("Die Daten sind gelöscht; es bleibt ein anonymer Eintrag.")))
    return Document(kind, person.reference, meta, sections, person.locale or "de")


def column_label(table_name: str, column_name: str) -> str | None:
    """The German label of a column, None when the column is hidden or not labelled."""
    label = COLUMN_LABELS.get(table_name, {}).get(column_name)
    return None if label is None else str(label)


def is_hidden(table, column) -> bool:
    if column.name in HIDDEN_COLUMNS:
        return True
    return any(fk.column.table.name in HIDDEN_TARGETS for fk in column.foreign_keys)


def german_moment(value: datetime) -> str:
    return value.astimezone(clock.zone()).strftime("%d.%m.%Y %H:%M")


def _person_section(context: Context) -> Section:
    table_name = PERSON_TABLES[context.kind]
    title = _("Ihre Angaben") if context.kind == "volunteer" else _("Angaben zur Anfrage")
    section = Section("person", title)
    (row,) = context.related.tables[table_name]
    items = _items(context, table_name, row)
    for list_table in LIST_TABLES:
        rows = context.related.tables.get(list_table)
        if not rows:
            continue
        table = db.metadata.tables[list_table]
        column = next(c for c in table.columns if not is_hidden(table, c))
        values = [_value(context, list_table, column, r[column.name]) for r in rows]
        items.append(Item(column_label(list_table, column.name), ", ".join(sorted(values))))
    section.entries.append(Entry("", items))
    return section


def _items(context: Context, table_name: str, row: dict) -> list[Item]:
    table = db.metadata.tables[table_name]
    items = []
    for column in table.columns:
        if is_hidden(table, column):
            continue
        value = row.get(column.name)
        if value is None or value == "" or value == [] or value == {}:
            continue
        label = column_label(table_name, column.name) or column.name
        text = _value(context, table_name, column, value)
        items.append(Item(label, text, free_text=_is_free_text(column), column=column.name))
    return items


def _is_free_text(column) -> bool:
    return isinstance(column.type, Text | JSON) or (
        isinstance(column.type, String) and (column.type.length or 0) >= 80
    )


def _value(context: Context, table_name: str, column, value) -> str:
    lookups = context.lookups
    targets = {fk.column.table.name for fk in column.foreign_keys}
    if "programmes" in targets:
        return lookups.programmes.get(value, "–")
    if "places" in targets:
        return lookups.places.get(value, "–")
    if "languages" in targets:
        return lookups.languages.get(value, str(value))
    if "tags" in targets:
        return lookups.tags.get(value, "–")
    if column.name == "availability":
        return availability_text(value)
    if column.name == "text_version":
        return _version_text(value)
    if column.name in ("locale", "correspondence_language"):
        return str(labels.LOCALE_LABELS.get(value, value))
    if (table_name, column.name) in STATUS_COLUMNS:
        return labels.label(value, STATUS_COLUMNS[table_name, column.name])
    if column.name in labels.CODE_LABELS:
        return labels.code_label(column.name, value)
    if column.name == "score_parts" and isinstance(value, dict):
        return ", ".join(
            f"{labels.SCORE_PART_LABELS.get(k, k)}: {round(float(v) * 100)} %"
            for k, v in value.items()
            if isinstance(v, int | float)
        )
    if column.name == "score" and isinstance(value, int | float):
        return f"{round(float(value) * 100)} %"
    return plain(value)


def plain(value) -> str:
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, enum.Enum):
        return labels.label(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, datetime):
        return german_moment(value)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, list):
        return "; ".join(plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {plain(v)}" for k, v in value.items())
    return str(value)


def _version_text(value: str) -> str:
    """A text version named by its date ("2026-11-01") reads as a German date."""
    try:
        return _("vom %(date)s", date=date.fromisoformat(value).strftime("%d.%m.%Y"))
    except ValueError:
        return value


def availability_text(mask: int) -> str:
    """ "Montag vormittags, abends; Dienstag nachmittags" from the stored bit mask."""
    by_day: dict[str, list[str]] = {}
    for slot in availability.decode(int(mask)):
        day, part = slot.split("-")
        by_day.setdefault(day, []).append(str(labels.DAYPARTS[part]))
    return "; ".join(f"{labels.WEEKDAYS[day]} {', '.join(parts)}" for day, parts in by_day.items())


def _runs_section(context: Context, person_id: int) -> Section:
    section = Section(
        "runs",
        _("Hinweise aus Vermittlungsläufen"),
        empty=_("Keine Einträge."),
    )
    entries = run_entries(context.kind, person_id, programme_ids(context.related))
    for entry in entries:
        items = [Item(_("Berechnet am"), german_moment(entry["created_at"]))]
        reasons = entry.get("reasons") or []
        if reasons:
            items.append(
                Item(_("Warum noch keine Vermittlung"), plain(list(reasons)), free_text=True)
            )
        section.entries.append(Entry(_("Vermittlungslauf"), items))
    return section


def _audit_section(context: Context, related: Related) -> Section:
    section = Section(
        "audit",
        _("Wer Ihre Daten angesehen oder bearbeitet hat"),
        empty=_("Keine Einträge."),
    )
    rows = sorted(audit_rows(related), key=lambda r: (r["at"], r["id"]), reverse=True)
    for row in rows:
        who = context.lookups.roles.get(row["staff_id"]) if row["staff_id"] else None
        items = [
            Item(_("Wann"), german_moment(row["at"])),
            Item(_("Was"), str(labels.AUDIT_ACTIONS.get(row["action"], row["action"]))),
            Item(
                _("Betrifft"),
                str(labels.AUDIT_SUBJECTS.get(row["subject_type"], row["subject_type"] or "–")),
            ),
            Item(_("Wer"), _("Mitarbeitende (%(role)s)", role=who) if who else _("automatisch")),
        ]
        section.entries.append(Entry("", items))
    return section
