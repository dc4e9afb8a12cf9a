"""Server-side sessions: logout everywhere, password change, deactivation, lifetime."""

from datetime import timedelta

from sqlalchemy import func, select, update

from mentoring.extensions import db
from mentoring.models import StaffSession
from mentoring.models.types import utcnow
from tests.support.factories import PASSWORD, make_staff
from tests.support.forms import post_form, press
from tests.support.login import STAFF_EMAIL, logout, submit_login_form

NEW_PASSWORD = "Förderturm hinter Regenbogen"


def _cookie(client) -> str:
    return client.get_cookie("session").value


def _sessions() -> int:
    return db.session.scalar(select(func.count()).select_from(StaffSession))


def test_cookie_carries_only_a_random_session_id(app, client):
    user = make_staff(email=STAFF_EMAIL)
    submit_login_form(client)
    with client.session_transaction() as session:
        session_id = session["_user_id"]
    assert session_id != str(user.id) and len(session_id) >= 40
    row = db.session.scalar(select(StaffSession))
    assert row.staff_id == user.id and row.id != session_id  # only the hash is stored


def test_cookie_replayed_after_logout_is_refused(app, client):
    make_staff(email=STAFF_EMAIL)
    submit_login_form(client)
    saved = _cookie(client)
    assert logout(client).status_code == 302
    assert _sessions() == 0
    thief = app.test_client()
    thief.set_cookie("session", saved)
    response = thief.get("/dashboard/")
    assert response.status_code == 302
    assert "/mitarbeitende/anmelden" in response.headers["Location"]
    thief.set_cookie("session", saved)
    assert thief.get("/dashboard/datenschutz/").status_code == 302


def test_login_gives_a_fresh_session_id(app, client):
    make_staff(email=STAFF_EMAIL)
    submit_login_form(client)
    with client.session_transaction() as session:
        first = session["_user_id"]
    logout(client)
    submit_login_form(client)
    with client.session_transaction() as session:
        assert session["_user_id"] != first


def test_password_change_ends_other_sessions(app, client):
    make_staff(email=STAFF_EMAIL)
    submit_login_form(client)
    other = app.test_client()
    submit_login_form(other)
    assert _sessions() == 2
    response = post_form(
        client,
        "/mitarbeitende/passwort",
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "new_password_repeat": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200  # this browser stays, with a new id
    assert other.get("/dashboard/").status_code == 302
    assert _sessions() == 1
    assert submit_login_form(app.test_client(), password=NEW_PASSWORD).status_code == 302


def test_password_change_needs_the_current_password_and_the_policy(app, client):
    make_staff(email=STAFF_EMAIL)
    submit_login_form(client)
    wrong = post_form(
        client,
        "/mitarbeitende/passwort",
        {
            "current_password": "falsch falsch falsch",
            "new_password": NEW_PASSWORD,
            "new_password_repeat": NEW_PASSWORD,
        },
    ).get_data(as_text=True)
    assert "Das bisherige Passwort stimmt nicht." in wrong
    weak = post_form(
        client,
        "/mitarbeitende/passwort",
        {
            "current_password": PASSWORD,
            "new_password": "passwort1234",
            "new_password_repeat": "passwort1234",
        },
    ).get_data(as_text=True)
    assert "zu leicht zu erraten" in weak
    assert _sessions() == 1


def test_deactivation_ends_all_sessions(app, client, admin_client):
    user = make_staff(email=STAFF_EMAIL)
    submit_login_form(client)
    admin = admin_client
    page = f"/verwaltung/{user.id}"
    assert press(admin, page, f"{page}/deaktivieren").status_code == 302
    assert client.get("/dashboard/").status_code == 302
    assert (
        db.session.scalar(
            select(func.count()).select_from(StaffSession).where(StaffSession.staff_id == user.id)
        )
        == 0
    )


def test_absolute_lifetime_ends_an_active_session(app, client):
    make_staff(email=STAFF_EMAIL)
    submit_login_form(client)
    assert client.get("/dashboard/").status_code == 200
    db.session.execute(
        update(StaffSession).values(created_at=utcnow() - timedelta(hours=10, minutes=1))
    )
    db.session.commit()
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert "/mitarbeitende/anmelden" in response.headers["Location"]
    assert _sessions() == 0


def test_server_side_idle_timeout(app, client):
    make_staff(email=STAFF_EMAIL)
    submit_login_form(client)
    db.session.execute(update(StaffSession).values(last_seen_at=utcnow() - timedelta(minutes=31)))
    db.session.commit()
    assert client.get("/dashboard/").status_code == 302
