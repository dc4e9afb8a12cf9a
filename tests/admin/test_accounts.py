"""Account management: only admins; create with a one-time link, change access, deactivate,
reactivate, reset the second factor; all audited without personal data."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from mentoring.extensions import db
from mentoring.models import AuditEntry, SetPasswordToken, StaffRole, StaffSession, StaffUser
from mentoring.models.types import utcnow
from tests.support.factories import ADMIN_EMAIL, make_staff
from tests.support.forms import post_form, press
from tests.support.login import STAFF_EMAIL, code_for, enable_second_factor, submit_login_form

BASE_URL = "https://mentoring.example.org"  # TestConfig.PUBLIC_BASE_URL: links never use Host
LINK_RE = re.compile(
    r'value="(https://mentoring\.example\.org/mitarbeitende/passwort-setzen/[^"]+)"'
)
NEW_PASSWORD = "Zechenturm im Nebel 1927"


def _admin_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("admin.")]


def _url(app, rule, staff_id: int) -> str:
    values = {"staff_id": staff_id} if "staff_id" in rule.arguments else {}
    if "programme_id" in rule.arguments:
        values["programme_id"] = 1
    return app.url_map.bind("localhost").build(rule.endpoint, values)


def _sessions_of(user) -> int:
    query = select(func.count()).select_from(StaffSession).where(StaffSession.staff_id == user.id)
    return db.session.scalar(query)


def _create(admin, **fields):
    data = {"name": "Neue Kollegin", "email": "neu@example.org", "role": "coordinator"}
    data.update(fields)
    response = post_form(admin, "/verwaltung/neu", data)
    assert response.status_code == 200, response.status_code
    html = response.get_data(as_text=True)
    return LINK_RE.search(html).group(1).removeprefix(BASE_URL), html


def test_coordinators_get_403_and_anonymous_the_login_page(app, client):
    coordinator = make_staff(email=STAFF_EMAIL)
    target = make_staff(email="andere@example.org", name="Andere Person")
    anonymous = app.test_client()
    submit_login_form(client)
    token = re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/dashboard/").get_data(as_text=True)
    ).group(1)
    rules = _admin_rules(app)
    assert {r.endpoint for r in rules} >= {"admin.staff_list", "admin.staff_new"}
    for rule in rules:
        url = _url(app, rule, target.id)
        if "GET" in rule.methods:
            assert client.get(url).status_code == 403, url
            assert "/mitarbeitende/anmelden" in anonymous.get(url).headers["Location"]
        else:
            assert client.post(url, data={"csrf_token": token}).status_code == 403, url
    assert db.session.get(StaffUser, target.id).active
    assert db.session.get(StaffUser, coordinator.id).role is StaffRole.COORDINATOR


def test_admin_lists_and_creates_staff_with_a_one_time_link(app, admin_client):
    admin = admin_client
    assert "Adele Admin" in admin.get("/verwaltung/").get_data(as_text=True)
    link, html = _create(admin, departments=["fb41"])
    assert "24 Stunden" in html
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == "neu@example.org"))
    assert [d.code for d in user.departments] == ["fb41"]
    assert "Neue Kollegin" in admin.get("/verwaltung/").get_data(as_text=True)
    assert db.session.scalar(select(SetPasswordToken.token_hash)) not in link  # hash only

    newcomer = app.test_client()
    before = submit_login_form(newcomer, email="neu@example.org", password=NEW_PASSWORD)
    assert before.status_code == 200
    response = post_form(
        newcomer, link, {"new_password": NEW_PASSWORD, "new_password_repeat": NEW_PASSWORD}
    )
    assert response.headers["Location"].endswith("/mitarbeitende/anmelden")
    after = submit_login_form(newcomer, email="neu@example.org", password=NEW_PASSWORD)
    assert after.status_code == 302
    # Single use.
    assert app.test_client().get(link).status_code == 404
    actions = list(db.session.scalars(select(AuditEntry.action)))
    assert "staff_created" in actions and "staff_password_set" in actions


def test_coordinator_needs_a_department_and_email_is_unique(app, admin_client):
    admin = admin_client
    no_department = post_form(
        admin, "/verwaltung/neu", {"name": "X", "email": "x@example.org", "role": "coordinator"}
    ).get_data(as_text=True)
    assert "mindestens eine Abteilung" in no_department
    twice = post_form(
        admin, "/verwaltung/neu", {"name": "Y", "email": ADMIN_EMAIL.upper(), "role": "admin"}
    ).get_data(as_text=True)
    assert "schon ein Konto" in twice


def test_set_password_link_expires_after_24_hours(app, admin_client):
    admin = admin_client
    link, _ = _create(admin, departments=["fb41"])
    db.session.execute(update(SetPasswordToken).values(expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    response = app.test_client().get(link)
    assert response.status_code == 404
    assert "gilt nicht mehr" in response.get_data(as_text=True)


def test_set_password_link_checks_the_policy_and_a_new_link_replaces_the_old(app, admin_client):
    admin = admin_client
    old_link, _ = _create(admin, departments=["fb41"])
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == "neu@example.org"))
    weak = post_form(
        app.test_client(),
        old_link,
        {"new_password": "passwort1234", "new_password_repeat": "passwort1234"},
    )
    assert "zu leicht zu erraten" in weak.get_data(as_text=True)
    page = f"/verwaltung/{user.id}"
    html = press(admin, page, f"{page}/passwort-link").get_data(as_text=True)
    new_link = LINK_RE.search(html).group(1).removeprefix(BASE_URL)
    assert app.test_client().get(old_link).status_code == 404
    assert app.test_client().get(new_link).status_code == 200


def test_deactivate_and_reactivate(app, admin_client):
    admin = admin_client
    user = make_staff(email=STAFF_EMAIL)
    page = f"/verwaltung/{user.id}"
    assert press(admin, page, f"{page}/deaktivieren").status_code == 302
    assert "stimmen nicht" in submit_login_form(app.test_client()).get_data(as_text=True)
    assert press(admin, page, f"{page}/aktivieren").status_code == 302
    assert submit_login_form(app.test_client()).status_code == 302
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"staff_deactivated", "staff_reactivated"} <= actions


def test_admin_cannot_deactivate_or_demote_themselves(app, admin_client):
    admin = admin_client
    me = db.session.scalar(select(StaffUser).where(StaffUser.email == ADMIN_EMAIL))
    page = f"/verwaltung/{me.id}"
    assert press(admin, page, f"{page}/deaktivieren").status_code == 302
    assert "Sie können Ihr eigenes Konto nicht deaktivieren." in admin.get(page).get_data(
        as_text=True
    )
    assert db.session.get(StaffUser, me.id).active
    press(admin, page, f"{page}/zugang", {"role": "coordinator", "departments": ["fb41"]})
    assert db.session.get(StaffUser, me.id).role is StaffRole.ADMIN


def test_role_change_ends_the_colleagues_sessions(app, admin_client):
    admin = admin_client
    user = make_staff(email=STAFF_EMAIL)
    colleague = app.test_client()
    submit_login_form(colleague)
    page = f"/verwaltung/{user.id}"
    response = press(admin, page, f"{page}/zugang", {"role": "admin"})
    assert response.status_code == 302
    assert db.session.get(StaffUser, user.id).role is StaffRole.ADMIN
    assert _sessions_of(user) == 0
    assert colleague.get("/dashboard/").status_code == 302


def test_admin_resets_a_colleagues_second_factor(app, admin_client):
    admin = admin_client
    user = make_staff(email=STAFF_EMAIL)
    secret = enable_second_factor(user)
    colleague = app.test_client()
    submit_login_form(colleague)
    post_form(colleague, "/mitarbeitende/anmelden/code", {"code": code_for(secret)})
    assert colleague.get("/dashboard/").status_code == 200
    page = f"/verwaltung/{user.id}"
    assert press(admin, page, f"{page}/zwei-faktor-zuruecksetzen").status_code == 302
    user = db.session.get(StaffUser, user.id)
    assert not user.totp_enabled and user.totp_secret is None
    assert colleague.get("/dashboard/").status_code == 302
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "2fa_reset"))
    assert entry.subject_id == user.id and entry.staff_id != user.id
    app.config["STAFF_REQUIRE_2FA"] = True
    again = submit_login_form(app.test_client())
    assert again.headers["Location"].endswith("/mitarbeitende/zwei-faktor/einrichten")


def test_audit_entries_hold_no_personal_data(app, admin_client):
    admin = admin_client
    _create(admin, departments=["fb41"])
    for entry in db.session.scalars(select(AuditEntry)):
        assert "@" not in (entry.detail or "") and "Kollegin" not in (entry.detail or "")


@pytest.mark.parametrize("path", ["/verwaltung/", "/verwaltung/neu"])
def test_admin_pages_answer(app, path, admin_client):
    assert admin_client.get(path).status_code == 200
