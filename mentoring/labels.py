"""The words shown for stored values: one registry, used by views, templates, reports and exports.

A value's label lives here once; templates use the ``label`` filter
(``{{ volunteer.status|label }}``),
Python code calls :func:`label`, and forms build their choices with :func:`choices`.
"""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l

from mentoring.models import (
    DeclineReason,
    EndReason,
    MessageChannel,
    MessageKind,
    MessageState,
    ProposalStatus,
    RequestStatus,
    TandemStatus,
    VolunteerStatus,
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
    MessageKind: {
        MessageKind.SIGNUP_CONFIRMATION: _l("Bestätigung der Anmeldung"),
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
    "matching_run": _l("Vorschläge berechnet"),
    "proposal_accepted": _l("Vorschlag angenommen"),
    "proposal_declined": _l("Vorschlag abgelehnt"),
    "tandem_created": _l("Tandem angelegt"),
    "message_resent": _l("Nachricht erneut gesendet"),
    "letter_printed": _l("Brief als gedruckt vermerkt"),
    "email_confirmed": _l("E-Mail-Adresse bestätigt"),
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
    "message": _l("Nachricht"),
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
