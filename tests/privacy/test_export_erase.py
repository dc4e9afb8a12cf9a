"""Access export (Art. 15) and erasure (Art. 17), checked against the whole model metadata."""

import json

import pytest
from sqlalchemy import JSON, String, Text, func, select

from mentoring.extensions import db
from mentoring.models import (
    AuditEntry,
    ConsentRecord,
    EndReason,
    MenteeRequest,
    Message,
    Place,
    Proposal,
    RequestStatus,
    Tandem,
    TandemStatus,
    Volunteer,
    VolunteerStatus,
)
from mentoring.models.people import volunteer_programmes
from mentoring.operations import OperationError, erasure
from mentoring.personal_data import export, records
from tests.privacy.world import make_world, personal_values
from tests.support.disclosure import download, review
from tests.support.factories import make_staff
from tests.support.forms import csrf_token
from tests.support.login import login

PERSON_TABLES = {"volunteer": "volunteers", "request": "mentee_requests"}


def _tables_about(kind: str) -> set[str]:
    """Independently of the code under test: tables referencing the person, at any depth."""
    root = PERSON_TABLES[kind]
    other = set(PERSON_TABLES.values()) - {root}
    reached, grew = {root}, True
    while grew:
        grew = False
        for table in db.metadata.sorted_tables:
            if table.name not in reached | other and any(
                fk.column.table.name in reached for fk in table.foreign_keys
            ):
                reached.add(table.name)
                grew = True
    return reached


def _person(world, kind):
    return world.volunteer if kind == "volunteer" else world.request


def _rows_referencing(table, column_to_ids: dict[str, set]) -> set[tuple]:
    rows = set()
    for fk in table.foreign_keys:
        ids = column_to_ids.get(fk.column.table.name)
        if ids:
            for row in db.session.execute(select(table).where(fk.parent.in_(ids))).mappings():
                rows.add(tuple(row[c.name] for c in table.primary_key.columns))
    return rows


@pytest.mark.parametrize("kind", ["volunteer", "request"])
def test_export_contains_every_row_of_every_table_about_the_person(app, kind):
    world = make_world()
    person = _person(world, kind)
    data = export.collect_export(kind, person.id)
    json.dumps(data)  # plain JSON all the way down
    about = _tables_about(kind)
    assert about <= set(data["tables"]), (
        f"tables without export coverage: {about - set(data['tables'])}"
    )
    assert {
        "consent_records",
        "proposals",
        "tandems",
        "tandem_notes",
        "check_ins",
        "audit_log",
        "duplicate_signups",
        "pair_exclusions",
    } <= set(data["tables"])
    # Row by row: every row that points at the person, or at one of their rows, is exported.
    exported_ids = {
        name: {r["id"] for r in rows if "id" in r} for name, rows in data["tables"].items()
    }
    exported_ids[PERSON_TABLES[kind]] = {person.id}
    for table in db.metadata.sorted_tables:
        if table.name not in about or table.name == PERSON_TABLES[kind]:
            continue
        expected = _rows_referencing(table, {name: exported_ids.get(name, set()) for name in about})
        got = {
            tuple(r[c.name] for c in table.primary_key.columns) for r in data["tables"][table.name]
        }
        assert expected <= got, table.name
    assert data["tables"][PERSON_TABLES[kind]][0]["reference"] == person.reference
    assert any(
        e["subject_type"] == kind and e["action"] == "view" for e in data["tables"]["audit_log"]
    )
    assert any(e["subject_type"] == "tandem" for e in data["tables"]["audit_log"])
    assert len(data["tables"]["matching_runs"]) == (1 if kind == "volunteer" else 0)


def test_export_of_volunteer_holds_their_texts_but_not_strangers(app):
    world = make_world()
    text = json.dumps(export.collect_export("volunteer", world.volunteer.id), ensure_ascii=False)
    for value in personal_values(world.volunteer):
        assert value in text
    assert "Brackwede" not in text  # another volunteer's proposal is not theirs
    assert "Gespräch-Quellenhoff-Denizhan" in text and "Notiz-Quellenhoff-Denizhan" in text


def test_export_download_and_page_are_logged(app, staff_client, coordinator):
    world = make_world()
    base = f"/dashboard/datenschutz/volunteer/{world.volunteer.id}"
    page = staff_client.get(review(staff_client, base))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert world.volunteer.email in html
    response = download(staff_client, base, "json", html)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert f"auskunft-{world.volunteer.reference}.json" in response.headers["Content-Disposition"]
    assert response.get_json()["tables"]["volunteers"][0]["email"] == world.volunteer.email
    details = db.session.scalars(
        select(AuditEntry.detail).where(
            AuditEntry.action == "export",
            AuditEntry.subject_type == "volunteer",
            AuditEntry.subject_id == world.volunteer.id,
            AuditEntry.staff_id == coordinator.id,
        )
    ).all()
    assert sorted(details) == ["html", "json"]


def test_export_of_missing_person_is_404_and_logs_refusal(app, staff_client):
    before = db.session.scalar(select(func.count()).select_from(AuditEntry))
    response = staff_client.get("/dashboard/datenschutz/volunteer/987654/auskunft")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in response.get_data(as_text=True)
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert "export" not in actions
    assert actions[-1] == "refused" and len(actions) == before + 1
    with pytest.raises(records.PersonNotFound):
        export.collect_export("volunteer", 987654)


def test_other_department_sees_nothing_and_changes_nothing(app, client):
    world = make_world()
    login(client, make_staff(email="fb43@example.org", departments=("fb43",)))
    base = f"/dashboard/datenschutz/volunteer/{world.volunteer.id}"
    assert client.get(base).status_code == 404
    assert client.get(base + "/auskunft").status_code == 404
    token = csrf_token(client.get("/dashboard/datenschutz/").get_data(as_text=True))
    assert (
        client.post(
            base + "/loeschen", data={"csrf_token": token, "erase_confirm": "y"}
        ).status_code
        == 404
    )
    db.session.expire_all()
    assert db.session.get(Volunteer, world.volunteer.id).erased_at is None
    refused = db.session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "refused"))
    assert [d.split()[0] for d in refused] == ["404", "404", "404"]


def _all_text() -> list[tuple[str, str, str]]:
    """(table, column, text) for every string, text and JSON value in the database."""
    out = []
    for table in db.metadata.sorted_tables:
        columns = [
            c
            for c in table.columns
            if isinstance(c.type, String | Text | JSON)
            or isinstance(getattr(c.type, "impl", None), String | Text)
        ]
        if not columns:
            continue
        for row in db.session.execute(select(*columns)).all():
            for column, value in zip(columns, row, strict=True):
                if value is not None:
                    text = (
                        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                    )
                    out.append((table.name, column.name, text))
    return out


def _counts() -> dict:
    """The anonymous figures a committee report is made of."""

    def grouped(*columns, model=None, where=()):
        query = select(*columns, func.count()).select_from(model).where(*where)
        return sorted(tuple(r) for r in db.session.execute(query.group_by(*columns)))

    return {
        "volunteers": db.session.scalar(select(func.count(Volunteer.id))),
        "volunteers_by_programme": grouped(
            volunteer_programmes.c.programme_id, model=volunteer_programmes
        ),
        "volunteers_by_district": grouped(
            Place.district_id, model=Volunteer.__table__.join(Place.__table__)
        ),
        "requests_by_programme_place": grouped(
            MenteeRequest.programme_id, MenteeRequest.place_id, model=MenteeRequest
        ),
        "requests_by_birth_year": grouped(MenteeRequest.person_birth_year, model=MenteeRequest),
        "tandems_by_programme_status": grouped(Tandem.programme_id, Tandem.status, model=Tandem),
        "ended_by_reason": grouped(
            Tandem.end_reason, model=Tandem, where=[Tandem.status == TandemStatus.ENDED]
        ),
        "proposals_by_status": grouped(Proposal.status, model=Proposal),
        "consents": db.session.scalar(select(func.count(ConsentRecord.id))),
        "messages": grouped(Message.kind, Message.channel, Message.state, model=Message),
    }


@pytest.mark.parametrize("kind", ["volunteer", "request"])
def test_erasure_leaves_no_personal_value_in_any_table(app, kind):
    world = make_world()
    person = _person(world, kind)
    values = personal_values(person)
    assert all(any(v in text for _t, _c, text in _all_text()) for v in values)  # really stored
    erasure.erase_person(kind=kind, person_id=person.id, staff=None)
    db.session.expire_all()
    leaks = [(t, c, v) for t, c, text in _all_text() for v in values if v in text]
    assert leaks == []
    shell = db.session.get(type(person), person.id)
    assert shell.erased_at is not None
    # The other partner's tandem is still there and points at the anonymous shell.
    tandem = db.session.get(Tandem, world.tandem.id)
    assert getattr(tandem, f"{kind}_id" if kind == "volunteer" else "request_id") == person.id
    if kind == "volunteer":
        assert shell.full_name == "Gelöschte Person" and shell.birth_year == 1955
        assert shell.status is VolunteerStatus.WITHDRAWN
        # Strangers keep their data.
        assert db.session.get(Volunteer, world.other_volunteer.id).last_name == "Brackwede"
    else:
        assert shell.person_first_name is None and shell.person_birth_year == 2009


def test_erasure_keeps_the_anonymous_counts(app):
    world = make_world()
    tandem = db.session.get(Tandem, world.tandem.id)
    tandem.status, tandem.end_reason = TandemStatus.ENDED, EndReason.GOALS_REACHED
    db.session.commit()
    before = _counts()
    erasure.erase_person(kind="volunteer", person_id=world.volunteer.id, staff=None)
    erasure.erase_person(kind="request", person_id=world.request.id, staff=None)
    db.session.expire_all()
    after = _counts()
    # The open proposal of the erased volunteer was closed; nothing else may move.
    moved = {k for k in before if before[k] != after[k]}
    assert moved == {"proposals_by_status"}
    assert sum(n for _s, n in before["proposals_by_status"]) == sum(
        n for _s, n in after["proposals_by_status"]
    )


def test_erasure_ends_running_tandem_and_frees_the_partner(app):
    world = make_world()
    erasure.erase_person(kind="volunteer", person_id=world.volunteer.id, staff=None)
    db.session.expire_all()
    tandem = db.session.get(Tandem, world.tandem.id)
    assert tandem.status is TandemStatus.ENDED and tandem.end_reason is EndReason.OTHER
    assert db.session.get(MenteeRequest, world.request.id).status is RequestStatus.OPEN
    assert tandem.notes == [] and all(c.summary is None for c in tandem.check_ins)


def test_erasure_is_logged_with_ids_only(app, staff_client, coordinator):
    world = make_world()
    url = f"/dashboard/datenschutz/request/{world.request.id}"
    page = staff_client.get(url)
    response = staff_client.post(
        url + "/loeschen",
        data={"csrf_token": csrf_token(page.get_data(as_text=True)), "erase_confirm": "y"},
    )
    assert response.status_code == 302
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "erase"))
    assert (entry.subject_type, entry.subject_id, entry.staff_id, entry.detail) == (
        "request",
        world.request.id,
        coordinator.id,
        "request",
    )
    follow = staff_client.get(url).get_data(as_text=True)
    assert "Die Daten sind gelöscht" in follow and "Gelöschte Person" in follow


def test_erasing_twice_is_refused_and_changes_nothing(app, staff_client):
    world = make_world()
    erasure.erase_person(kind="volunteer", person_id=world.volunteer.id, staff=None)
    snapshot = _all_text()
    with pytest.raises(OperationError, match="bereits gelöscht"):
        erasure.erase_person(kind="volunteer", person_id=world.volunteer.id, staff=None)
    url = f"/dashboard/datenschutz/volunteer/{world.volunteer.id}"
    page = staff_client.get(url).get_data(as_text=True)
    assert "Daten endgültig löschen" not in page  # no button for an erased person
    db.session.expire_all()
    assert [t for t in _all_text() if t[0] != "audit_log"] == [
        t for t in snapshot if t[0] != "audit_log"
    ]
    assert db.session.scalar(select(func.count()).where(AuditEntry.action == "erase")) == 1


def test_erase_needs_the_confirmation(app, staff_client):
    world = make_world()
    url = f"/dashboard/datenschutz/volunteer/{world.volunteer.id}"
    token = csrf_token(staff_client.get(url).get_data(as_text=True))
    response = staff_client.post(url + "/loeschen", data={"csrf_token": token})
    assert response.status_code == 400
    assert "Bitte bestätigen Sie das Löschen." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Volunteer, world.volunteer.id).erased_at is None


def test_partner_tandem_page_shows_erased_person(app, staff_client):
    world = make_world()
    erasure.erase_person(kind="volunteer", person_id=world.volunteer.id, staff=None)
    response = staff_client.get(f"/dashboard/tandems/{world.tandem.id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "gelöscht" in html.lower() and "Quellenhoff" not in html and "Gisbert" not in html
    assert "Denizhan" in html  # the partner's side still works
