"""The record of processing activities (Art. 30 DSGVO), generated from config and data model.

`flask privacy docs` writes docs/datenschutz.md; a test fails when the file no longer matches,
and when a table or column has no description here: new data must be described before it ships.
"""

from __future__ import annotations

from sqlalchemy import Date, DateTime, Table

from mentoring.extensions import db
from mentoring.models import StaffRole
from mentoring.operations import erasure
from mentoring.personal_data import records

UNDESCRIBED = "NICHT BESCHRIEBEN"

# Data categories (Art. 30 Abs. 1 lit. c).
IDENTITY = "Name"
CONTACT = "Kontaktdaten"
PERSONAL = "Angaben zur Person"
FREE_TEXT = "Freitext der Mitarbeitenden oder der Person"
MATCHING = "Angaben für die Vermittlung"
SAFEGUARDING = "§ 72a SGB VIII (nur Tatsache der Einsichtnahme)"
CONSENT = "Einwilligung"
ACCOUNT = "Benutzerkonto"
LOG = "Protokoll (nur Nummern)"
REFERENCE = "Stammdaten, keine Personendaten"
STATUS = "Bearbeitungsstand"
KEY = "Verweis (Nummer)"
TIME = "Zeitpunkt"
FINGERPRINT = (
    "Prüfwert gegen doppelte Anmeldungen (Hash aus E-Mail – ohne E-Mail aus Telefon, Name und "
    "Anschrift –, Programm, Vorname, Geburtsjahr)"
)

MESSAGE_TEXT = "Nachrichtentext (Betreff, Text, Anhang)"

SUBJECTS_VOLUNTEER = "Ehrenamtliche"
SUBJECTS_MENTEE = "Mentees (junge Menschen, Kinder, Familien) und ihre Kontaktpersonen"
SUBJECTS_BOTH = "Ehrenamtliche und Mentees"
SUBJECTS_STAFF = "Mitarbeitende"
SUBJECTS_NONE = "keine"

# table: (what it holds, whose data, category of columns not listed in COLUMNS)
TABLES: dict[str, tuple[str, str, str | None]] = {
    "volunteers": ("Ehrenamtliche (Mentorinnen und Mentoren)", SUBJECTS_VOLUNTEER, None),
    "mentee_requests": ("Anfragen für eine Patenschaft", SUBJECTS_MENTEE, None),
    "consent_records": (
        "Einwilligungen: Textfassung, Zeitpunkt, wer, für wen, wie erteilt (Internet, mündlich, "
        "schriftlich) und welche Mitarbeitende sie aufgenommen hat",
        SUBJECTS_BOTH,
        CONSENT,
    ),
    "duplicate_signups": ("Hinweis auf eine doppelte Anmeldung", SUBJECTS_BOTH, STATUS),
    "police_checks": (
        "Einsichtnahme in das erweiterte Führungszeugnis",
        SUBJECTS_VOLUNTEER,
        SAFEGUARDING,
    ),
    "pair_exclusions": ("Paare, die nicht wieder vorgeschlagen werden", SUBJECTS_BOTH, MATCHING),
    "proposals": ("Vorschläge der Vermittlung mit Begründung", SUBJECTS_BOTH, MATCHING),
    "proposal_steps": (
        "Schritte zu einem Vorschlag (angefragt, zugesagt, Kennenlernen): Tag, wer",
        SUBJECTS_BOTH,
        STATUS,
    ),
    "matching_runs": (
        "Vermittlungsläufe; Begründung für nicht Vermittelte",
        SUBJECTS_BOTH,
        MATCHING,
    ),
    "tandems": ("Tandems (vermittelte Paare) und ihr Verlauf", SUBJECTS_BOTH, STATUS),
    "tandem_events": ("Statuswechsel eines Tandems: wer, wann", SUBJECTS_BOTH, STATUS),
    "check_ins": ("Begleitgespräche mit Tandems", SUBJECTS_BOTH, STATUS),
    "tandem_notes": ("Notizen der Koordination zu einem Tandem", SUBJECTS_BOTH, FREE_TEXT),
    "tandem_introductions": (
        "Kennenlernen eines Tandems: welche Kontaktdaten jede Seite weitergeben lässt, Ort, "
        "Zeit, Rhythmus (für den Vermittlungsbogen)",
        SUBJECTS_BOTH,
        STATUS,
    ),
    "volunteer_hours": (
        "Stunden der Ehrenamtlichen je Tandem und Monat (Statistik, Nachweis)",
        SUBJECTS_VOLUNTEER,
        STATUS,
    ),
    "tandem_feedback": (
        "Antworten auf die Fragen nach dem Ende eines Tandems (je Seite einmal)",
        SUBJECTS_BOTH,
        STATUS,
    ),
    "sent_reminders": (
        "Welche Erinnerung schon verschickt wurde (Tagesübersicht, Führungszeugnis): Kennung, Tag",
        SUBJECTS_VOLUNTEER + ", " + SUBJECTS_STAFF,
        STATUS,
    ),
    "volunteer_programmes": ("Gewünschte Programme", SUBJECTS_VOLUNTEER, MATCHING),
    "volunteer_languages": ("Sprachen", SUBJECTS_VOLUNTEER, MATCHING),
    "volunteer_tags": ("Fachgebiete und Berufsfelder", SUBJECTS_VOLUNTEER, MATCHING),
    "volunteer_travel_places": ("Erreichbare Ortsteile", SUBJECTS_VOLUNTEER, MATCHING),
    "request_languages": ("Sprachen", SUBJECTS_MENTEE, MATCHING),
    "request_tags": ("Bedarfe und Berufsfelder", SUBJECTS_MENTEE, MATCHING),
    "staff_users": ("Konten der Mitarbeitenden", SUBJECTS_STAFF, ACCOUNT),
    "staff_departments": ("Zuständigkeit der Mitarbeitenden", SUBJECTS_STAFF, ACCOUNT),
    "staff_sessions": ("Angemeldete Sitzungen (Kennung nur als Hash)", SUBJECTS_STAFF, ACCOUNT),
    "staff_recovery_codes": ("Wiederherstellungscodes (nur als Hash)", SUBJECTS_STAFF, ACCOUNT),
    "staff_password_tokens": (
        "Einmal-Links zum Setzen eines Passworts (nur als Hash)",
        SUBJECTS_STAFF,
        ACCOUNT,
    ),
    "audit_log": (
        "Protokoll: wer hat wann welche Daten angesehen, geändert, exportiert, "
        "gelöscht; Anmeldungen; verweigerte Zugriffe",
        SUBJECTS_STAFF + ", " + SUBJECTS_BOTH,
        LOG,
    ),
    "messages": (
        "Nachrichten (E-Mail, Brief) an Personen und Mitarbeitende: Anschrift, Text, Zustellstand",
        SUBJECTS_BOTH + ", " + SUBJECTS_STAFF,
        STATUS,
    ),
    "accessibility_feedback": (
        "Rückmeldungen zur Barrierefreiheit",
        "Personen, die eine Rückmeldung schicken",
        FREE_TEXT,
    ),
    "departments": ("Fachbereiche", SUBJECTS_NONE, REFERENCE),
    "districts": ("Stadtbezirke", SUBJECTS_NONE, REFERENCE),
    "places": ("Ortsteile", SUBJECTS_NONE, REFERENCE),
    "postal_codes": ("Postleitzahlen in Herne", SUBJECTS_NONE, REFERENCE),
    "languages": ("Sprachen", SUBJECTS_NONE, REFERENCE),
    "tags": ("Fachgebiete und Berufsfelder", SUBJECTS_NONE, REFERENCE),
    "programmes": ("Programme", SUBJECTS_NONE, REFERENCE),
    "programme_translations": (
        "Übersetzungen der Programmtexte für die öffentlichen Seiten",
        SUBJECTS_NONE,
        REFERENCE,
    ),
}

# Columns whose category differs from their table's default (keys and times are automatic).
COLUMNS: dict[str, dict[str, str]] = {
    "volunteers": {
        "reference": KEY,
        "first_name": IDENTITY,
        "last_name": IDENTITY,
        "email": CONTACT,
        "phone": CONTACT,
        "birth_year": PERSONAL,
        "postal_code": PERSONAL,
        "occupation": PERSONAL,
        "experience": FREE_TEXT,
        "interests": FREE_TEXT,
        "capacity": MATCHING,
        "travel_radius_km": MATCHING,
        "availability": MATCHING,
        "preferred_min_age": MATCHING,
        "preferred_max_age": MATCHING,
        "partner_wishes": FREE_TEXT,
        "heard_from": STATUS,
        "intake_channel": STATUS,
        "status": STATUS,
        "status_reason": STATUS,
        "status_note": FREE_TEXT,
        "first_contact_channel": STATUS,
        "locale": PERSONAL,
        "street": CONTACT,
        "house_number": CONTACT,
        "contact_channel": CONTACT,
        "correspondence_language": PERSONAL,
        "interpreter_needed": PERSONAL,
        "name_latin": IDENTITY,
    },
    "mentee_requests": {
        "reference": KEY,
        "registered_by": STATUS,
        "intake_channel": STATUS,
        "contact_first_name": IDENTITY,
        "contact_last_name": IDENTITY,
        "contact_email": CONTACT,
        "contact_phone": CONTACT,
        "referrer_kind": PERSONAL,
        "referrer_organisation": CONTACT,
        "person_first_name": IDENTITY,
        "person_birth_year": PERSONAL,
        "person_birth_month": PERSONAL,
        "children_count": PERSONAL,
        "postal_code": PERSONAL,
        "goal": FREE_TEXT,
        "career_goal": PERSONAL,
        "availability": MATCHING,
        "status": STATUS,
        "status_reason": STATUS,
        "status_note": FREE_TEXT,
        "on_hold": STATUS,
        "first_contact_channel": STATUS,
        "locale": PERSONAL,
        "signup_key": FINGERPRINT,
        "street": CONTACT,
        "house_number": CONTACT,
        "contact_channel": CONTACT,
        "correspondence_language": PERSONAL,
        "interpreter_needed": PERSONAL,
        "name_latin": IDENTITY,
        "person_last_name": IDENTITY,
        "direct_contact": CONTACT,
        "direct_contact_name": IDENTITY,
        "direct_contact_phone": CONTACT,
        "direct_contact_email": CONTACT,
    },
    "consent_records": {"given_by_name": IDENTITY},
    "duplicate_signups": {"reference": KEY},
    "proposals": {
        "decline_note": FREE_TEXT,
        "status": STATUS,
        "decline_reason": STATUS,
        "source": STATUS,
        "volunteer_answer": STATUS,
        "volunteer_answer_reason": STATUS,
    },
    "tandems": {"end_note": FREE_TEXT, "meeting_place": FREE_TEXT},
    "check_ins": {"summary": FREE_TEXT},
    "tandem_introductions": {
        "volunteer_shares": CONSENT,
        "request_shares": CONSENT,
        "meeting_place": FREE_TEXT,
        "coordinator_phone": ACCOUNT,
    },
    "tandem_feedback": {"went_well": FREE_TEXT, "could_be_better": FREE_TEXT},
    "sent_reminders": {"key": KEY},
    "accessibility_feedback": {"page": STATUS, "contact": CONTACT},
    "messages": {
        "to_address": CONTACT,
        "subject": MESSAGE_TEXT,
        "body_text": MESSAGE_TEXT,
        "body_html": MESSAGE_TEXT,
        "attachments": MESSAGE_TEXT,
        "message_id": KEY,
        "locale": PERSONAL,
    },
}

PURPOSES = [
    "Gewinnung und Prüfung von Ehrenamtlichen (Erstgespräch, Schulung, Führungszeugnis)",
    "Aufnahme von Anfragen junger Menschen, Kinder und Familien",
    "Vermittlung passender Tandems (Vorschläge mit nachvollziehbarer Begründung)",
    "Begleitung der Tandems (erstes Treffen, Begleitgespräche, Ende mit Grund)",
    "Schutz von Kindern und Jugendlichen nach § 72a SGB VIII",
    "Nachweis der Einwilligungen (Art. 7 Abs. 1 DSGVO) und Rechenschaft (Art. 5 Abs. 2 DSGVO)",
    "Anonyme Zahlen für den Bericht an den Ausschuss für Soziales",
    "Nachrichten an die Personen per E-Mail oder Brief (Bestätigung der Anmeldung mit "
    "Bestätigung der E-Mail-Adresse, später Anfragen, Termine, Erinnerungen) und an die "
    "Koordination",
    "Freiwillige Rückmeldung beider Seiten nach dem Ende eines Tandems (im Bericht an den "
    "Ausschuss nur als Zahlen)",
]


def describe_column(table: Table, column) -> str:
    if column.name in COLUMNS.get(table.name, {}):
        return COLUMNS[table.name][column.name]
    if column.primary_key or column.foreign_keys:
        return KEY
    if isinstance(column.type, Date | DateTime) or column.name.endswith(("_at", "_on")):
        return TIME
    info = TABLES.get(table.name)
    return info[2] if info and info[2] else UNDESCRIBED


def erasure_rule(table: Table) -> str:
    """What erase_person does with the table's rows, read from the code's own policy."""
    person_tables = {records.person_table(k).name for k in records.KINDS}
    if table.name in person_tables:
        return "anonymisiert, Zeile bleibt für die Statistik"
    related = records.referencing_tables("volunteer") | records.referencing_tables("request")
    if table.name == "matching_runs":
        return "Eintrag der Person entfernt, Name in Begründungen ersetzt"
    if table.name not in related:
        return "–"
    policy = erasure.KEPT_ROWS.get(table.name)
    if policy is None:
        return "gelöscht"
    if policy:
        return "bleibt; geleert: " + ", ".join(sorted(policy))
    return "bleibt (keine Personendaten)"


def _md_row(cells) -> str:
    return "| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |"


def render_record(config) -> str:
    """The Markdown text of docs/datenschutz.md for the given configuration."""
    out = [
        "# Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)",
        "",
        "Generationen verbinden – Mentoring-Vermittlung der Stadt Herne.",
        "",
        "> Diese Datei wird mit `flask privacy docs` aus der Konfiguration und dem Datenmodell "
        "erzeugt. Bitte nicht von Hand ändern: Ein Test schlägt fehl, wenn sie nicht mehr zum "
        "Code passt.",
        "",
        "## 1. Verantwortliche Stelle",
        "",
        f"- {config['OPERATOR_NAME']}, {config['OPERATOR_UNIT']}",
        f"- {config['OPERATOR_STREET']}, {config['OPERATOR_CITY']}",
        f"- Telefon {config['OPERATOR_PHONE']}, E-Mail {config['OPERATOR_EMAIL']}",
        f"- Vertreten durch {config['OPERATOR_REPRESENTATIVE']}",
        f"- Datenschutzbeauftragte: {config['DPO_CONTACT']}",
        f"- Aufsichtsbehörde: {config['SUPERVISORY_AUTHORITY']}",
        "",
        "## 2. Zwecke der Verarbeitung",
        "",
        *[f"- {p}" for p in PURPOSES],
        "",
        "Rechtsgrundlagen: Einwilligung (Art. 6 Abs. 1 lit. a, Art. 8 DSGVO; bei Minderjährigen "
        "unter 18 Jahren zusätzlich der Erziehungsberechtigten); Einsichtnahme in das erweiterte "
        "Führungszeugnis: Art. 6 Abs. 1 lit. c und e DSGVO in Verbindung mit § 72a SGB VIII; "
        "Protokoll: Art. 5 Abs. 2 und Art. 32 DSGVO. Die Datenschutzbeauftragte prüft diese "
        "Zuordnung.",
        f"Aktuelle Fassung des Datenschutztextes, auf die sich Einwilligungen beziehen: "
        f"{config['PRIVACY_TEXT_VERSION']}.",
        "",
        "## 3. Kategorien betroffener Personen",
        "",
        "- Ehrenamtliche (Mentorinnen und Mentoren), meist 55 Jahre und älter",
        "- Mentees: junge Menschen, Kinder und Familien, oft minderjährig",
        "- Kontaktpersonen: Erziehungsberechtigte und Fachkräfte vermittelnder Stellen "
        "(Schule, Jugendamt, Wohneinrichtung, Wirtschaftsförderung)",
        "- Mitarbeitende mit Zugang (Rollen: " + ", ".join(r.value for r in StaffRole) + ")",
        "- Personen, die eine Rückmeldung zur Barrierefreiheit schicken",
        "",
        "Nicht erhoben werden: Angaben zu Gesundheit, Religion oder Aufenthaltsstatus; das "
        "Führungszeugnis selbst (nur: eingesehen am, ausgestellt am, einschlägiger Eintrag "
        "ja/nein, von wem).",
        "",
        "## 4. Kategorien personenbezogener Daten (Tabellen und Spalten)",
        "",
        "Erzeugt aus dem Datenmodell. „Bei Löschung“ beschreibt, was die Löschung einer Person "
        "(Art. 17) mit den Zeilen dieser Person tut.",
        "",
        _md_row(["Tabelle", "Inhalt", "Betroffene", "Spalten nach Kategorie", "Bei Löschung"]),
        _md_row(["---"] * 5),
    ]
    for table in sorted(db.metadata.sorted_tables, key=lambda t: t.name):
        what, who, _default = TABLES.get(table.name, (UNDESCRIBED, UNDESCRIBED, None))
        by_category: dict[str, list[str]] = {}
        for column in table.columns:
            by_category.setdefault(describe_column(table, column), []).append(column.name)
        columns = "; ".join(f"{cat}: {', '.join(names)}" for cat, names in by_category.items())
        out.append(_md_row([f"`{table.name}`", what, who, columns, erasure_rule(table)]))
    out += [
        "",
        "## 5. Empfänger",
        "",
        "- Koordinierende der zuständigen Fachbereiche sehen nur die Personen ihrer eigenen "
        "Programme; Administratorinnen und Administratoren verwalten Programme und Konten.",
        "- Die Partnerin oder der Partner eines Tandems erhält die Kontaktdaten durch die "
        "Koordination, nicht durch das System.",
        "- Der Ausschuss für Soziales erhält nur anonyme Zahlen.",
        "- Nachrichten gehen über den konfigurierten Mailserver (MAIL_SERVER, im Betrieb der "
        "Mailserver der Stadt) an die angegebene E-Mail-Adresse; Briefe druckt die Koordination. "
        "Weitere E-Mails als die Bestätigung der Anmeldung gehen erst an eine bestätigte Adresse. "
        "Die Warteschlange der Zustellung (Redis bzw. eine SQLite-Datei) enthält nur Nummern.",
        "- Keine Übermittlung in Drittländer. Betrieb im Rechenzentrum der Stadt "
        "(Auftragsverarbeitung ist bei externem Hosting gesondert zu vereinbaren).",
        "",
        "## 6. Löschfristen",
        "",
        "Die Fristen stehen in der Konfiguration und werden täglich mit `flask privacy purge` "
        "angewendet (Probelauf: `--dry-run`).",
        "",
        f"- Angaben zum Führungszeugnis: {config['PURGE_POLICE_CHECK_AFTER_END_MONTHS']} Monate "
        "nach dem Ende des letzten Tandems, wenn kein Tandem mehr läuft; sofort, wenn die "
        "Person ihre Mitarbeit beendet, ohne je ein Tandem gehabt zu haben.",
        f"- Nie bearbeitete Anmeldungen (Status „neu“): nach "
        f"{config['PURGE_UNPROCESSED_SIGNUP_MONTHS']} Monaten gelöscht.",
        f"- Notizen, Gesprächszusammenfassungen und Abschlussvermerke beendeter Tandems: "
        f"{config['PURGE_TANDEM_NOTES_MONTHS']} Monate nach dem Ende.",
        f"- Nach einem Widerruf der Einwilligung: Löschung nach "
        f"{config['PRIVACY_WITHDRAWN_GRACE_DAYS']} Tagen (Zeit für Rückfragen und die "
        "Übergabe laufender Tandems).",
        f"- Betreff, Text und Anhänge von Nachrichten: "
        f"{config['MESSAGE_BODY_RETENTION_DAYS']} Tage nach dem Erstellen (verschickt, gedruckt "
        "oder fehlgeschlagen); Art, Weg, Stand und Zeitpunkte bleiben für die Statistik. "
        "Täglich mit den anderen Fristen (Zustell-Worker, 03:15 Uhr, oder "
        "`flask messages daily`).",
        "- Löschung auf Antrag (Art. 17): sofort durch die Koordination.",
        "- Das Protokoll enthält nur Nummern und wird nicht gelöscht; es kann weder geändert "
        "noch gelöscht werden (Datenbank-Trigger).",
        "",
        "Was „Löschen“ heißt: Namen, Kontaktdaten, Freitexte, Organisation, Kennung und "
        "Führungszeugnis-Angaben werden gelöscht oder überschrieben. Für die Statistik bleibt eine "
        "anonyme Zeile mit Programm, Ortsteil, Postleitzahl, Sprachen, Fachgebieten und "
        f"Geburtsjahr (bei Ehrenamtlichen auf {erasure.BIRTH_YEAR_BAND} Jahre abgerundet, bei "
        "Mentees das Jahr ohne Monat). Tandems bleiben mit „Gelöschte Person“ erhalten.",
        "",
        "## 7. Rechte der betroffenen Personen",
        "",
        "- Auskunft (Art. 15): ein lesbares Dokument in deutscher Sprache (Seite zum Drucken und "
        "PDF) mit den eigenen Angaben, Einwilligungen, Vorschlägen, Tandems, Nachrichten und wer "
        "die Daten wann angesehen hat (Rolle, nicht Name der Mitarbeitenden); dazu die Kopie als "
        "JSON-Datei (Art. 20), deren Felder in docs/auskunft-json.md beschrieben sind. Vor der "
        "Herausgabe prüfen Mitarbeitende die gefundenen Namen, E-Mail-Adressen und "
        "Telefonnummern anderer Menschen; Angekreuztes wird in Dokument, PDF und JSON gleich "
        "geschwärzt (Art. 15 Abs. 4). Prüfung und Herausgabe werden protokolliert.",
        "- Löschung (Art. 17): siehe oben; die Löschung wird ohne die gelöschten Daten "
        "protokolliert.",
        f"- Widerruf der Einwilligung (Art. 7 Abs. 3): durch die Koordination oder über einen "
        f"signierten Link (gültig {config['PRIVACY_WITHDRAWAL_LINK_DAYS']} Tage); danach keine "
        "Vermittlung mehr, laufende Tandems enden.",
        "",
        "## 8. Technische und organisatorische Maßnahmen (Art. 32)",
        "",
        "- Zugriff nur mit persönlichem Konto; Passwörter mit scrypt gespeichert; zweiter Faktor "
        "(TOTP), im Betrieb für jedes Konto vorgeschrieben (STAFF_REQUIRE_2FA).",
        f"- Abmeldung nach {config['STAFF_IDLE_MINUTES']} Minuten ohne Aktivität und spätestens "
        f"nach {config['STAFF_SESSION_HOURS']} Stunden; Sitzungen werden auf dem Server beendet "
        "(Abmelden, Passwortwechsel, Deaktivierung). Anmeldeversuche "
        f"begrenzt ({config['LOGIN_LIMIT_PER_ADDRESS']} je Adresse, "
        f"{config['LOGIN_LIMIT_PER_ACCOUNT']} je Konto).",
        "- Koordinierende sehen nur die Programme ihrer Fachbereiche (Einschränkung in jeder "
        "Datenbankabfrage).",
        "- Protokoll aller Ansichten, Änderungen, Exporte, Löschungen, Anmeldungen und "
        "verweigerten Zugriffe; nur Administratorinnen und Administratoren sehen es.",
        "- Nur technisch notwendige Cookies (Sitzung, Sprache); keine Analyse, keine Werbung.",
        "- Kein Nachrichtentext und keine Anschrift in einer Logzeile: Logs und die "
        "Fehlerspalte der Nachrichten enthalten nur Nummern und Fehlercodes.",
        "",
    ]
    return "\n".join(out)
