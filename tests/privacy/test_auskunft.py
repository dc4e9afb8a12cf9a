"""The readable access export: German labels, decoded values, no internal ids, sections in order,
German dates; third-party data listed for review and redacted in what is handed out."""

import json
import re

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import AuditEntry, ProposalStatus, TandemNote
from mentoring.personal_data import document as doc
from mentoring.personal_data.handout import prepare, redacted
from mentoring.personal_data.records import KINDS, referencing_tables
from tests.privacy.world import make_world
from tests.support.disclosure import download, review
from tests.support.factories import make_proposal, make_request
from tests.support.forms import csrf_token

SECTION_ORDER = [
    "person",
    "consents",
    "checks",
    "proposals",
    "tandems",
    "messages",
    "runs",
    "audit",
]
FORBIDDEN_RAW = ("volunteer_id", "request_id", "programme_id", "availability", "ausbildungspaten")


def _texts(document) -> str:
    return "\n".join(
        f"{entry.heading} {item.label} {item.value}"
        for section in document.sections
        for entry in section.entries
        for item in entry.items
    )


def _base(world, kind="volunteer") -> str:
    person = world.volunteer if kind == "volunteer" else world.request
    return f"/dashboard/datenschutz/{kind}/{person.id}"


def _decline_with_third_party(world):
    """A declined proposal whose note names another minor and holds an e-mail and a phone."""
    minor = make_request(person_first_name="Jolanthe", programme_code="ausbildungspaten")
    make_proposal(
        world.volunteer,
        minor,
        status=ProposalStatus.DECLINED,
        decline_note=(
            "Jolanthe wollte lieber jemand Jüngeres; Mutter: mama.j@example.net, 0171 2345678"
        ),
    )


@pytest.mark.parametrize("kind", KINDS)
def test_every_column_of_every_table_about_a_person_has_a_label_or_is_hidden(app, kind):
    """Walks the schema: a new column or table about a person fails here until it is described."""
    missing = []
    for table_name in sorted(referencing_tables(kind)):
        table = db.metadata.tables[table_name]
        for column in table.columns:
            if (
                not doc.is_hidden(table, column)
                and doc.column_label(table_name, column.name) is None
            ):
                missing.append(f"{table_name}.{column.name}")
    assert missing == []


def test_document_has_the_sections_in_order_with_german_labels_and_no_ids(app):
    world = make_world()
    document = doc.build_document("volunteer", world.volunteer.id)
    keys = [s.key for s in document.sections]
    assert [k for k in keys if k in SECTION_ORDER] == SECTION_ORDER
    assert keys.index("messages") < keys.index("audit") and keys[-1] == "audit"
    text = _texts(document)
    for raw in FORBIDDEN_RAW:
        assert raw not in text
    person = document.sections[0].entries[0]
    shown = {item.label: item.value for item in person.items}
    assert shown["Vorname"] == "Gisbert"
    assert shown["Wann Sie Zeit haben"] == "Montag abends; Dienstag vormittags"  # mask 12
    assert shown["Stand der Bearbeitung"] == "aktiv"
    assert shown["Wie Sie von uns erfahren haben"] == "Zeitung"
    assert shown["Programme"] == "Ausbildungspaten"
    assert "Wanne" in shown["Erreichbare Stadtteile"]
    assert shown["Sprachen"] == "Deutsch"
    assert shown["Erstgespräch am"] == "05.01.2026"
    # No internal number of any row appears as a value.
    ids = {str(world.volunteer.id), str(world.tandem.id), str(world.request.id)}
    values = {item.value for s in document.sections for e in s.entries for item in e.items}
    assert not ids & values


def test_dates_are_german_without_microseconds_and_audit_names_roles_not_people(app, staff_client):
    world = make_world()
    staff_client.get(_base(world))  # a view by the coordinator
    document = doc.build_document("volunteer", world.volunteer.id)
    audit = document.sections[-1]
    assert audit.entries, "the audit section lists the views"
    first = {item.label: item.value for item in audit.entries[0].items}
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", first["Wann"])
    assert first["Was"] == "angesehen" and first["Betrifft"] == "Ehrenamtliche Person"
    assert first["Wer"] == "Mitarbeitende (Koordination)"
    text = _texts(document)
    assert not re.search(r"\d{2}:\d{2}:\d{2}", text)  # no seconds, no microseconds
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no ISO dates


def test_request_document_decodes_the_request(app):
    world = make_world()
    document = doc.build_document("request", world.request.id)
    shown = {item.label: item.value for item in document.sections[0].entries[0].items}
    assert shown["Programm"] == "Ausbildungspaten"
    assert shown["Vorname der unterstützten Person"] == "Denizhan"
    assert shown["Wann Zeit ist"] == "Montag abends; Dienstag vormittags"
    consents = document.sections[1]
    assert any(
        item.value == "Eltern oder Sorgeberechtigte"
        for entry in consents.entries
        for item in entry.items
    )


def test_third_party_names_e_mails_and_phones_are_listed_but_not_the_persons_own(app):
    world = make_world()
    _decline_with_third_party(world)
    prepared = prepare("volunteer", world.volunteer.id)
    found = {(c.kind, c.text) for c in prepared.candidates}
    assert ("name", "Jolanthe") in found
    assert ("email", "mama.j@example.net") in found
    assert ("phone", "0171 2345678") in found
    assert ("name", "Denizhan") in found  # the minor in the tandem's notes
    assert not {text for _k, text in found} & {"Gisbert", "Quellenhoff", world.volunteer.email}


def test_the_handed_out_version_lacks_the_redacted_text_in_document_and_json(app):
    world = make_world()
    _decline_with_third_party(world)
    prepared = prepare("volunteer", world.volunteer.id)
    keep = {c.key for c in prepared.candidates if c.text == "Denizhan"}
    document, data, _red = redacted(prepared, keep)
    text = _texts(document)
    dumped = json.dumps(data, ensure_ascii=False)
    for secret in ("Jolanthe", "mama.j@example.net", "0171 2345678"):
        assert secret not in text and secret not in dumped
    assert "[geschwärzt]" in text and "[geschwärzt]" in dumped
    assert "Denizhan" in text  # kept by the reviewer
    assert world.volunteer.email in dumped and "Gisbert" in text  # own data stays


def test_review_then_hand_out_in_html_pdf_and_json_all_audited(app, staff_client, coordinator):
    world = make_world()
    _decline_with_third_party(world)
    base = _base(world)
    page = staff_client.get(base + "/auskunft")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Jolanthe" in html and "mama.j@example.net" in html  # staff see what they review
    shown = re.search(r'name="shown"[^>]*value="([^"]*)"', html).group(1)
    ticked = re.findall(r'name="redact" value="([0-9a-f]+)"[^>]*checked', html)
    assert ticked and set(ticked) == set(shown.split(","))  # all ticked by default
    token = csrf_token(html)
    refused = staff_client.post(base + "/auskunft", data={"csrf_token": token, "shown": shown})
    assert refused.status_code == 400  # the review must be confirmed
    response = staff_client.post(
        base + "/auskunft",
        data={"csrf_token": token, "shown": shown, "redact": ticked, "review_confirm": "y"},
    )
    assert response.status_code == 302
    handout = staff_client.get(response.headers["Location"])
    out = handout.get_data(as_text=True)
    assert handout.status_code == 200
    main = out.split('id="main"')[1]
    for secret in ("Jolanthe", "mama.j@example.net", "0171 2345678"):
        assert secret not in main
    assert "Notiz-Quellenhoff-[geschwärzt]" in main  # the minor's name in the tandem's note
    assert "Gisbert" in main and "Auskunft nach Art. 15 DSGVO" in main
    freigabe = re.search(r'name="freigabe"[^>]*value="([^"]+)"', out).group(1)
    token = csrf_token(out)
    as_json = staff_client.post(
        base + "/auskunft.json", data={"csrf_token": token, "freigabe": freigabe}
    )
    assert as_json.mimetype == "application/json"
    assert "Jolanthe" not in as_json.get_data(as_text=True)
    assert as_json.get_json()["tables"]["volunteers"][0]["email"] == world.volunteer.email
    as_pdf = staff_client.post(
        base + "/auskunft.pdf", data={"csrf_token": token, "freigabe": freigabe}
    )
    assert as_pdf.mimetype == "application/pdf" and as_pdf.data.startswith(b"%PDF")
    rows = db.session.execute(
        select(AuditEntry.action, AuditEntry.detail)
        .where(AuditEntry.subject_type == "volunteer", AuditEntry.staff_id == coordinator.id)
        .order_by(AuditEntry.id)
    ).all()
    actions = [(a, d) for a, d in rows if a in ("export", "export_reviewed")]
    assert actions[0][0] == "export_reviewed" and actions[0][1].startswith("redacted=")
    assert [d for a, d in actions if a == "export"] == ["html", "json", "pdf"]
    assert "Jolanthe" not in " ".join(d or "" for _a, d in rows)  # ids and counts only


def test_hand_out_without_a_review_is_refused(app, staff_client):
    world = make_world()
    base = _base(world)
    page = staff_client.get(base + "/auskunft/ausgabe?freigabe=kaputt")
    assert page.status_code == 200 and "Bitte prüfen Sie die Auskunft zuerst" in page.get_data(
        as_text=True
    )
    token = csrf_token(staff_client.get(base).get_data(as_text=True))
    response = staff_client.post(
        base + "/auskunft.json", data={"csrf_token": token, "freigabe": "x"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/auskunft")
    exports = db.session.scalars(select(AuditEntry.id).where(AuditEntry.action == "export")).all()
    assert exports == []


def test_a_review_is_for_one_person_only(app, staff_client):
    world = make_world()
    base = _base(world)
    html = staff_client.get(base + "/auskunft").get_data(as_text=True)
    response = staff_client.post(
        base + "/auskunft",
        data={"csrf_token": csrf_token(html), "shown": "", "review_confirm": "y"},
    )
    location = response.headers["Location"]
    other = location.replace(f"/volunteer/{world.volunteer.id}/", f"/request/{world.request.id}/")
    assert "zuerst" in staff_client.get(other).get_data(as_text=True)


def test_text_added_after_the_review_is_redacted(app, staff_client):
    world = make_world()
    base = _base(world)
    html = staff_client.get(base + "/auskunft").get_data(as_text=True)
    shown = re.search(r'name="shown"[^>]*value="([^"]*)"', html).group(1)
    response = staff_client.post(  # nothing ticked: every shown candidate is kept
        base + "/auskunft",
        data={"csrf_token": csrf_token(html), "shown": shown, "review_confirm": "y"},
    )
    db.session.add(TandemNote(tandem_id=world.tandem.id, text="Rückruf unter 0170 9988776"))
    db.session.commit()
    out = staff_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "0170 9988776" not in out and "Denizhan" in out.split('id="main"')[1]


def test_messages_section_takes_entries_from_its_sources(app):
    world = make_world()
    source_calls = []

    def source(context):
        source_calls.append(context.kind)
        return [doc.Entry("Nachricht", [doc.Item("Betreff", "Ihre Anmeldung")])]

    doc.register_source("messages", source)
    try:
        document = doc.build_document("volunteer", world.volunteer.id)
    finally:
        doc.SOURCES["messages"].remove(source)
    messages = next(s for s in document.sections if s.key == "messages")
    assert source_calls == ["volunteer"]
    assert messages.entries[-1].items[0].value == "Ihre Anmeldung"
    # The stored sign-up confirmation is there too, its kind in words.
    kinds = [
        item.value
        for entry in messages.entries
        for item in entry.items
        if item.label == "Art der Nachricht"
    ]
    assert kinds == ["Bestätigung der Anmeldung"]


def test_the_document_can_be_handed_out_in_the_persons_language(app, staff_client):
    world = make_world()
    world.volunteer.locale = "ar"
    db.session.commit()
    base = _base(world)
    location = review(staff_client, base)
    german = staff_client.get(location).get_data(as_text=True)
    assert "Sprache der Auskunft:" in german and "Ihre Angaben" in german
    arabic = staff_client.get(location + "&sprache=ar").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in arabic and "بياناتك" in arabic  # "Ihre Angaben"
    assert '<html lang="de"' in arabic and "Zurück zur Datenschutz-Seite" in arabic  # staff page
    pdf = download(staff_client, base, "pdf", arabic)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ruf an: 0171 2345678.", ["0171 2345678"]),
        ("Tel.: 02323/16-1234, danke", ["02323/16-1234"]),
        ("+49 (2323) 161234", ["+49 (2323) 161234"]),
        ("Mail an kim.k@example.org bitte", ["kim.k@example.org"]),
        ("2025-11-30T17:56:27.171128+00:00", []),
        ("am 01.12.2026 um 12:30 Uhr in 44623", []),
        ("Kennung E-VOL0005-T, 2026-11-01", []),
    ],
)
def test_contact_data_patterns(app, text, found):
    from mentoring.personal_data.redaction import find_candidates

    assert [c.text for c in find_candidates([("Notiz", text)], own=[])] == found
