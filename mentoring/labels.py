"""The words shown for stored values: one registry, used by views, templates, reports and exports.

A value's label lives here once; templates use the ``label`` filter
(``{{ volunteer.status|label }}``),
Python code calls :func:`label`, and forms build their choices with :func:`choices`.
"""

from __future__ import annotations

import enum
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from mentoring import clock
from mentoring.formatting import german_date
from mentoring.models import (
    CloseReason,
    ConsentGivenAs,
    ContactChannel,
    ContactItem,
    DeclineReason,
    DirectContact,
    EndReason,
    FirstContactChannel,
    IntakeChannel,
    MessageChannel,
    MessageKind,
    MessageState,
    PrivacyNotice,
    ProposalSource,
    ProposalStatus,
    ProposalStepKind,
    RequestStatus,
    TandemStatus,
    VolunteerStatus,
    WithdrawReason,
)
from mentoring.safeguarding import CertificateState

ENUM_LABELS: dict[type[enum.Enum], dict] = {
    VolunteerStatus: {
        VolunteerStatus.NEW: _l("neu"),
        VolunteerStatus.SCREENING: _l("in Prüfung"),
        VolunteerStatus.READY: _l("bereit"),
        VolunteerStatus.ACTIVE: _l("aktiv"),
        VolunteerStatus.PAUSED: _l("pausiert"),
        VolunteerStatus.WITHDRAWN: _l("zurückgezogen"),
    },
    RequestStatus: {
        RequestStatus.NEW: _l("neu"),
        RequestStatus.OPEN: _l("geprüft"),
        RequestStatus.MATCHED: _l("vermittelt"),
        RequestStatus.CLOSED: _l("abgeschlossen"),
        RequestStatus.WITHDRAWN: _l("zurückgezogen"),
    },
    ProposalSource: {
        ProposalSource.RUN: _l("aus einer Berechnung"),
        ProposalSource.MANUAL: _l("von Hand"),
    },
    ProposalStepKind: {
        ProposalStepKind.VOLUNTEER_ASKED: _l("angefragt bei der/dem Ehrenamtlichen"),
        ProposalStepKind.VOLUNTEER_AGREED: _l("Ehrenamtliche/r hat zugesagt"),
        ProposalStepKind.VOLUNTEER_DECLINED: _l("Ehrenamtliche/r hat abgesagt"),
        ProposalStepKind.MENTEE_ASKED: _l("angefragt bei der Familie bzw. der jungen Person"),
        ProposalStepKind.MENTEE_AGREED: _l("Familie bzw. junge Person hat zugesagt"),
        ProposalStepKind.MENTEE_DECLINED: _l("Familie bzw. junge Person hat abgesagt"),
        ProposalStepKind.MEETING_ARRANGED: _l("Kennenlernen vereinbart"),
    },
    MessageKind: {
        MessageKind.SIGNUP_CONFIRMATION: _l("Bestätigung der Anmeldung"),
        MessageKind.SELF_SERVICE_LINK: _l("Link zu „Mein Engagement“ / „Meine Anfrage“"),
        MessageKind.EMAIL_CHANGE_CONFIRMATION: _l("Bestätigung der neuen E-Mail-Adresse"),
    },
    MessageChannel: {
        MessageChannel.EMAIL: _l("E-Mail"),
        MessageChannel.LETTER: _l("Brief"),
    },
    MessageState: {
        MessageState.WAITING: _l("wartet"),
        MessageState.SENDING: _l("wird gesendet"),
        MessageState.SENT: _l("gesendet"),
        MessageState.FAILED: _l("fehlgeschlagen"),
        MessageState.PRINTED: _l("gedruckt"),
    },
    ProposalStatus: {
        ProposalStatus.OPEN: _l("offen"),
        ProposalStatus.ACCEPTED: _l("angenommen"),
        ProposalStatus.DECLINED: _l("abgelehnt"),
        ProposalStatus.SUPERSEDED: _l("ersetzt"),
        ProposalStatus.CLOSED: _l("geschlossen"),
    },
    DeclineReason: {
        DeclineReason.VOLUNTEER_DECLINED: _l("Die ehrenamtliche Person möchte nicht"),
        DeclineReason.MENTEE_DECLINED: _l("Die angefragte Seite möchte nicht"),
        DeclineReason.DISTANCE: _l("Der Weg ist zu weit"),
        DeclineReason.TIMES: _l("Die Zeiten passen nicht"),
        DeclineReason.NOT_SUITABLE: _l("Passt aus fachlicher Sicht nicht"),
        DeclineReason.OTHER: _l("Anderer Grund"),
    },
    TandemStatus: {
        TandemStatus.PROPOSED: _l("vermittelt, noch kein Kennenlernen"),
        TandemStatus.INTRODUCED: _l("Kennenlernen hat stattgefunden"),
        TandemStatus.TRIAL: _l("Probezeit"),
        TandemStatus.ACTIVE: _l("aktiv"),
        TandemStatus.PAUSED: _l("pausiert"),
        TandemStatus.ENDED: _l("beendet"),
    },
    EndReason: {
        EndReason.GOALS_REACHED: _l("Ziele erreicht"),
        EndReason.MOVED_AWAY: _l("Umzug"),
        EndReason.NO_TIME: _l("Keine Zeit mehr"),
        EndReason.DID_NOT_FIT: _l("Hat nicht gepasst"),
        EndReason.OTHER: _l("Anderer Grund"),
    },
    ContactChannel: {
        ContactChannel.EMAIL: _l("per E-Mail"),
        ContactChannel.PHONE: _l("per Telefon"),
        ContactChannel.LETTER: _l("per Brief"),
    },
    DirectContact: {
        DirectContact.GUARDIAN: _l("die Eltern oder Erziehungsberechtigten"),
        DirectContact.YOUNG_PERSON: _l("die junge Person selbst"),
    },
    WithdrawReason: {
        WithdrawReason.NO_TIME: _l("keine Zeit mehr"),
        WithdrawReason.MOVED: _l("Umzug"),
        WithdrawReason.NO_INTEREST: _l("kein Interesse mehr"),
        WithdrawReason.UNREACHABLE: _l("nicht erreichbar"),
        WithdrawReason.OTHER: _l("sonstiges"),
    },
    CloseReason: {
        CloseReason.NEED_GONE: _l("Bedarf entfallen"),
        CloseReason.UNREACHABLE: _l("nicht erreichbar"),
        CloseReason.PROVIDED_ELSEWHERE: _l("anderweitig versorgt"),
        CloseReason.MOVED: _l("Umzug"),
        CloseReason.OTHER: _l("sonstiges"),
    },
    FirstContactChannel: {
        FirstContactChannel.PHONE: _l("Telefon"),
        FirstContactChannel.EMAIL: _l("E-Mail"),
        FirstContactChannel.LETTER: _l("Brief"),
        FirstContactChannel.IN_PERSON: _l("persönlich"),
    },
    IntakeChannel: {
        IntakeChannel.ONLINE: _l("Formular im Internet"),
        IntakeChannel.PHONE: _l("Anruf"),
        IntakeChannel.COUNTER: _l("persönlich im Büro"),
        IntakeChannel.PAPER: _l("Anmeldebogen auf Papier"),
    },
    ConsentGivenAs: {
        ConsentGivenAs.ONLINE: _l("im Internet erteilt"),
        ConsentGivenAs.ORAL: _l("mündlich erteilt"),
        ConsentGivenAs.WRITTEN: _l("schriftlich erteilt"),
    },
    PrivacyNotice: {
        PrivacyNotice.HANDED_OUT: _l("Datenschutzhinweis ausgehändigt"),
        PrivacyNotice.READ_OUT: _l("Datenschutzhinweis vorgelesen"),
    },
    ContactItem: {
        ContactItem.NAME: _l("Nachname"),
        ContactItem.PHONE: _l("Telefonnummer"),
        ContactItem.EMAIL: _l("E-Mail-Adresse"),
        ContactItem.ADDRESS: _l("Anschrift"),
    },
    CertificateState: {
        CertificateState.MISSING: _l("Kein Führungszeugnis eingesehen"),
        CertificateState.VALID: _l("Führungszeugnis gültig"),
        CertificateState.DUE_SOON: _l("Führungszeugnis: Wiedervorlage bald fällig"),
        CertificateState.EXPIRED: _l("Führungszeugnis abgelaufen"),
        CertificateState.CONVICTION: _l("Führungszeugnis mit relevantem Eintrag"),
    },
}

_BY_NAME = {enum_type.__name__: enum_type for enum_type in ENUM_LABELS}

# Weekly availability: the order is the order of the bits in the stored mask.
WEEKDAYS = {
    "mon": _l("Montag"),
    "tue": _l("Dienstag"),
    "wed": _l("Mittwoch"),
    "thu": _l("Donnerstag"),
    "fri": _l("Freitag"),
    "sat": _l("Samstag"),
    "sun": _l("Sonntag"),
}
DAYPARTS = {
    "morning": _l("vormittags"),
    "afternoon": _l("nachmittags"),
    "evening": _l("abends"),
}

# Stored codes of sign-up answers and consents (the sign-up forms offer the same words).
CODE_LABELS: dict[str, dict[str, object]] = {
    "heard_from": {
        "newspaper": _l("Zeitung"),
        "internet": _l("Internet"),
        "ehrenamtsbuero": _l("Ehrenamtsbüro"),
        "bsz": _l("Bürgerselbsthilfezentrum"),
        "friends": _l("Freunde oder Familie"),
        "event": _l("Veranstaltung"),
        "other": _l("Anders"),
    },
    "referrer_kind": {
        "school": _l("Schule (KAoA-Koordination)"),
        "youth_office": _l("Jugendamt"),
        "care_home": _l("Wohneinrichtung der Jugendhilfe"),
        "business_agency": _l("Wirtschaftsförderung (WFG)"),
        "counselling": _l("Beratungsstelle"),
        "other": _l("Andere Einrichtung"),
    },
    "registered_by": {
        "self": _l("die Person selbst"),
        "guardian": _l("Eltern oder Sorgeberechtigte"),
        "referrer": _l("eine Fachkraft"),
        "staff": _l("Mitarbeitende"),
    },
    "purpose": {
        "participation": _l("Teilnahme am Programm"),
        "guardian_consent": _l("Einwilligung der Sorgeberechtigten"),
        "import": _l("aus einer Liste übernommen"),
    },
    "on_behalf_of": {"self": _l("für sich selbst"), "minor": _l("für eine minderjährige Person")},
}
CODE_LABELS["given_by_role"] = CODE_LABELS["registered_by"]
# The languages of the public pages, by their code.
LOCALE_LABELS = {
    "de": _l("Deutsch"),
    "en": _l("Englisch"),
    "ar": _l("Arabisch"),
    "uk": _l("Ukrainisch"),
    "tr": _l("Türkisch"),
}
# The parts of a proposal's score (mentoring.matching.SCORE_PARTS).
SCORE_PART_LABELS = {
    "expertise": _l("Fachgebiet und Bedarf"),
    "availability": _l("Gemeinsame freie Zeit"),
    "distance": _l("Entfernung"),
    "language": _l("Sprache"),
    "preference": _l("Wünsche an die Partnerin oder den Partner"),
    "waiting": _l("Wartezeit"),
}


def code_label(column: str, value) -> str:
    """The word for a stored code of a sign-up answer; unknown codes are shown as stored."""
    return str(CODE_LABELS.get(column, {}).get(value, value))


# The audit log stores short codes; staff read these words.
AUDIT_ACTIONS = {
    "view": _l("angesehen"),
    "export": _l("Auskunft erstellt"),
    "erase": _l("gelöscht"),
    "withdraw": _l("Einwilligung widerrufen"),
    "purge": _l("Löschfrist angewendet"),
    "refused": _l("Zugriff verweigert"),
    "login": _l("Anmeldung"),
    "login_failed": _l("Anmeldung fehlgeschlagen"),
    "update": _l("geändert"),
    "create": _l("angelegt"),
    "status": _l("Status geändert"),
    "merge": _l("zusammengeführt"),
    "tandem_status": _l("Tandem-Status geändert"),
    "tandem_note": _l("Notiz angelegt"),
    "check_in_done": _l("Gespräch eingetragen"),
    "staff_created": _l("Konto angelegt"),
    "import": _l("aus Datei übernommen"),
    "logout": _l("Abmeldung"),
    "2fa_ok": _l("zweiter Faktor bestätigt"),
    "2fa_failed": _l("zweiter Faktor falsch"),
    "2fa_enrolled": _l("zweiter Faktor eingerichtet"),
    "2fa_recovery_code_used": _l("Wiederherstellungscode benutzt"),
    "2fa_reset": _l("zweiter Faktor zurückgesetzt"),
    "staff_access_changed": _l("Rolle oder Fachbereiche geändert"),
    "staff_deactivated": _l("Konto deaktiviert"),
    "staff_reactivated": _l("Konto wieder aktiviert"),
    "staff_password_link": _l("Link zum Setzen des Passworts erstellt"),
    "staff_password_set": _l("Passwort über Link gesetzt"),
    "staff_password_changed": _l("Passwort geändert"),
    "programme_updated": _l("Programm-Einstellungen geändert"),
    "programme_activated": _l("Programm aktiviert"),
    "programme_deactivated": _l("Programm auf „geplant“ gesetzt"),
    "export_reviewed": _l("Auskunft geprüft und geschwärzt"),
    "matching_run": _l("Vorschläge berechnet"),
    "proposal_accepted": _l("Vorschlag angenommen"),
    "proposal_declined": _l("Vorschlag abgelehnt"),
    "proposal_manual": _l("Vorschlag von Hand angelegt"),
    "proposal_step": _l("Schritt zum Vorschlag eingetragen"),
    "first_meeting_corrected": _l("Datum des ersten Treffens berichtigt"),
    "tandem_created": _l("Tandem angelegt"),
    "volunteer_paused": _l("pausiert"),
    "volunteer_withdrawn": _l("zurückgezogen"),
    "volunteer_reactivated": _l("wieder aktiviert"),
    "request_held": _l("zurückgestellt"),
    "request_closed": _l("abgeschlossen"),
    "request_reopened": _l("wieder geöffnet"),
    "first_contact": _l("Erstkontakt eingetragen"),
    "hours_recorded": _l("Stunden eingetragen"),
    "hours_corrected": _l("Stunden berichtigt"),
    "hours_removed": _l("Stunden gelöscht"),
    "introduction_saved": _l("Angaben zum Kennenlernen gespeichert"),
    "document_printed": _l("Dokument erstellt"),
    "message_resent": _l("Nachricht erneut gesendet"),
    "letter_printed": _l("Brief als gedruckt vermerkt"),
    "email_confirmed": _l("E-Mail-Adresse bestätigt"),
    "proposal_request_sent": _l("Anfrage an die/den Ehrenamtlichen gesendet"),
    "proposal_answered": _l("Antwort der/des Ehrenamtlichen per Link"),
    "tandem_meeting_planned": _l("Erstes Treffen geplant (Einladung gesendet)"),
    "tandem_meeting_moved": _l("Erstes Treffen verschoben (Änderung gesendet)"),
    "tandem_meeting_cancelled": _l("Erstes Treffen abgesagt (Absage gesendet)"),
    "self_service_update": _l("von der Person über ihren Link geändert"),
    "self_service_link": _l("Link zu „Mein Engagement“ / „Meine Anfrage“ gesendet"),
    "police_check_reminder": _l("Erinnerung an neues Führungszeugnis gesendet"),
    "tandem_feedback": _l("Rückmeldung zum Tandem abgegeben"),
}
AUDIT_SUBJECTS = {
    "volunteer": _l("Ehrenamtliche Person"),
    "request": _l("Anfrage"),
    "tandem": _l("Tandem"),
    "proposal": _l("Vorschlag"),
    "police_check": _l("Führungszeugnis"),
    "staff": _l("Mitarbeitende"),
    "programme": _l("Programm"),
    "matching_run": _l("Berechnung"),
    "check_in": _l("Gespräch"),
    "consent": _l("Einwilligung"),
    "message": _l("Nachricht"),
}

# Field names and keys that audit details carry (ids and names only, never values).
AUDIT_FIELDS = {
    "interview_on": _l("Erstgespräch"),
    "training_on": _l("Einführungsschulung"),
    "paused_until": _l("pausiert bis"),
    "on_hold": _l("zurückgestellt ohne Enddatum"),
    "on_hold_until": _l("zurückgestellt bis"),
    "first_contact_on": _l("Erstkontakt"),
    "police_checks": _l("Führungszeugnis-Einsichtnahmen"),
    "tandem_notes": _l("Tandem-Notizen"),
    "privacy": _l("Datenschutz-Ansicht"),
    "request": _l("auf Wunsch der Person"),
    "json": "JSON",
    "pdf": "PDF",
    "link": _l("über den Link in der E-Mail"),
    "staff": _l("durch Mitarbeitende"),
    "purge:unprocessed": _l("Löschfrist: nie bearbeitet"),
    "purge:withdrawn": _l("Löschfrist: Einwilligung widerrufen"),
    "coverage": _l("möglichst viele Tandems"),
    "score": _l("möglichst gut passend"),
    "optimal": _l("genau berechnet"),
    "greedy": _l("Schnellvorschau"),
    # Changed on "Mein Engagement" / "Meine Anfrage" (field names only, never values).
    "self_service": _l("über „Mein Engagement“ / „Meine Anfrage“"),
    "email": _l("E-Mail-Adresse"),
    "contact_email": _l("E-Mail-Adresse"),
    "phone": _l("Telefonnummer"),
    "contact_phone": _l("Telefonnummer"),
    "street": _l("Straße"),
    "house_number": _l("Hausnummer"),
    "postal_code": _l("Postleitzahl"),
    "place_id": _l("Stadtteil"),
    "contact_channel": _l("Art der Kontaktaufnahme"),
    "correspondence_language": _l("Sprache der Post"),
    "interpreter_needed": _l("Dolmetschen nötig"),
    "availability": _l("Zeiten"),
    "capacity": _l("Anzahl Begleitungen"),
    "feedback:volunteer": _l("von der ehrenamtlichen Person"),
    "feedback:request": _l("von der Familie oder jungen Person"),
}
AUDIT_KEYS = {
    "closed_proposals": _l("offene Vorschläge geschlossen: %(value)s"),
    "tandem": _l("Tandem %(value)s"),
    "merged": _l("zusammengeführt mit Nr. %(value)s"),
    "flags": _l("doppelte Anmeldungen erledigt: %(value)s"),
    "note": _l("Notiz %(value)s"),
    "check_in": _l("Gespräch %(value)s"),
    "volunteer": _l("Ehrenamtliche Person %(value)s"),
    "programme": _l("Programm %(value)s"),
    "proposals": _l("Vorschläge: %(value)s"),
    "check": _l("Einsichtnahme %(value)s"),
}
# Keys whose value is a stored code with a label: the enum it belongs to.
_REASON_ENUMS = (WithdrawReason, CloseReason, DeclineReason, EndReason)
_AUDIT_CODE_KEYS = {
    "reason": _REASON_ENUMS,
    "channel": (FirstContactChannel,),
}
_STATUS_ENUMS = {
    "volunteer": VolunteerStatus,
    "request": RequestStatus,
    "tandem": TandemStatus,
    "proposal": ProposalStatus,
}


def label(value, kind: str | None = None) -> str:
    """The word for a stored enum value; ``kind`` names the enum when the value is a plain string
    (``label("ended", "TandemStatus")``). Unknown values are shown as stored."""
    if value is None:
        return ""
    if kind is not None and not isinstance(value, enum.Enum):
        enum_type = _BY_NAME[kind]
        try:
            value = enum_type(value)
        except ValueError:
            return str(value)
    labels = ENUM_LABELS.get(type(value))
    if labels is None or value not in labels:
        return str(value)
    return str(labels[value])


def choices(enum_type: type[enum.Enum], *, exclude=()) -> list[tuple[str, object]]:
    """(value, label) pairs for a select or radio field, in the registry's order."""
    return [
        (member.value, text)
        for member, text in ENUM_LABELS[enum_type].items()
        if member not in exclude
    ]


def _code_label(value: str, enum_types) -> str:
    for enum_type in enum_types:
        try:
            return label(enum_type(value))
        except ValueError:
            continue
    return value


def audit_detail(subject_type: str | None, detail: str | None) -> str:
    """An audit entry's detail in German: status changes, reasons and field names as words.

    Details are short space-separated tokens (``new->open``, ``reason=moved``, ``interview_on``);
    anything unknown is shown as stored.
    """
    if not detail:
        return ""
    words, translated = [], False
    statuses = _STATUS_ENUMS.get(subject_type or "")
    for token in detail.split():
        key, eq, value = token.partition("=")
        before, arrow, after = token.partition("->")
        after, colon, why = after.partition(":")
        if arrow and statuses is not None:
            change = f"{_code_label(before, (statuses,))} → {_code_label(after, (statuses,))}"
            if colon:
                change += f" ({_code_label(why, _REASON_ENUMS)})"
            words.append(change)
        elif "/" in token and all(part in AUDIT_FIELDS for part in token.split("/")):
            words.append(", ".join(str(AUDIT_FIELDS[part]) for part in token.split("/")))
        elif not eq and token != "other" and _code_label(token, _REASON_ENUMS) != token:
            words.append(_code_label(token, _REASON_ENUMS))
        elif eq and key in _AUDIT_CODE_KEYS:
            words.append(_code_label(value, _AUDIT_CODE_KEYS[key]))
        elif eq and key in AUDIT_KEYS:
            words.append(str(AUDIT_KEYS[key]) % {"value": value})
        elif token in AUDIT_FIELDS:
            words.append(str(AUDIT_FIELDS[token]))
        else:
            words.append(token)
            continue
        translated = True
    return "; ".join(words) if translated else detail


def volunteer_state(volunteer, today: date | None = None) -> str:
    """The status as staff read it: "pausiert bis 12.01.2027" while a pause runs."""
    today = today or clock.today()
    if volunteer.paused_until is not None and volunteer.paused_until >= today:
        return _("pausiert bis %(day)s", day=german_date(volunteer.paused_until))
    text = label(volunteer.status)
    if volunteer.status is VolunteerStatus.WITHDRAWN and volunteer.status_reason:
        text += f" ({label(volunteer.status_reason)})"
    return text


def request_state(mentee_request, today: date | None = None) -> str:
    """The status as staff read it: "zurückgestellt bis 12.01.2027", "abgeschlossen (Umzug)"."""
    today = today or clock.today()
    if mentee_request.status in (RequestStatus.NEW, RequestStatus.OPEN) and (
        mentee_request.on_hold
    ):
        until = mentee_request.on_hold_until
        if until is None:
            return _("zurückgestellt")
        if until >= today:
            return _("zurückgestellt bis %(day)s", day=german_date(until))
    text = label(mentee_request.status)
    if mentee_request.status is RequestStatus.CLOSED and mentee_request.status_reason:
        text += f" ({label(mentee_request.status_reason)})"
    return text
