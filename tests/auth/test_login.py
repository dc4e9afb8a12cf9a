"""Staff login: credentials, throttling, idle timeout, logout, cookie flags, accounts."""

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import AuditEntry, StaffRole, StaffUser
from mentoring.passwords import password_problem
from tests.support.factories import PASSWORD, make_staff
from tests.support.forms import post_form
from tests.support.login import submit_login_form

EMAIL = "koordination@example.org"


def test_dashboard_needs_login(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert "/mitarbeitende/anmelden" in response.headers["Location"]


def test_login_and_logout(client):
    make_staff(email=EMAIL)
    response = submit_login_form(client, EMAIL)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dashboard/")
    assert "Petra Palermo" in client.get("/dashboard/").get_data(as_text=True)
    assert db.session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc())) == "login"
    page = client.get("/dashboard/").get_data(as_text=True)
    from tests.support.forms import csrf_token

    client.post("/mitarbeitende/abmelden", data={"csrf_token": csrf_token(page)})
    assert client.get("/dashboard/").status_code == 302


def test_logout_needs_post(client):
    assert client.get("/mitarbeitende/abmelden").status_code == 405


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("koordination@example.org", "falsches Passwort 123"),
        ("niemand@example.org", PASSWORD),
    ],
)
def test_wrong_credentials_get_one_message(client, email, password):
    make_staff(email=EMAIL)
    html = submit_login_form(client, email, password).get_data(as_text=True)
    assert "E-Mail-Adresse oder Passwort stimmen nicht." in html
    assert client.get("/dashboard/").status_code == 302
    assert (
        db.session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()))
        == "login_failed"
    )


def test_inactive_account_cannot_log_in(client):
    user = make_staff(email=EMAIL)
    user.active = False
    db.session.commit()
    assert "stimmen nicht" in submit_login_form(client, EMAIL).get_data(as_text=True)


def test_login_is_throttled_per_account_but_not_for_good(app, client):
    """Without a second factor (development) the account waits after the free failures; with
    one, password and code together always get in (tests/auth/test_throttle.py)."""
    make_staff(email=EMAIL)
    for _ in range(6):  # five failures are free, the sixth starts a wait
        submit_login_form(client, EMAIL, "falsch falsch falsch")
    response = submit_login_form(client, EMAIL)
    assert response.status_code == 429
    assert "Zu viele Versuche" in response.get_data(as_text=True)
    # Another account from the same address is not blocked by this account's limit.
    make_staff(email="zweite@example.org", name="Zweite Person")
    assert submit_login_form(client, "zweite@example.org").status_code == 302
    # The window expires: resetting the limiter storage stands in for the passing minutes.
    from mentoring.extensions import limiter

    limiter.reset()
    assert submit_login_form(app.test_client(), EMAIL).status_code == 302


def test_idle_session_ends_after_30_minutes(client):
    make_staff(email=EMAIL)
    submit_login_form(client, EMAIL)
    with client.session_transaction() as session:
        session["last_active"] -= 31 * 60
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert "/mitarbeitende/anmelden" in response.headers["Location"]
    assert client.get("/dashboard/").status_code == 302


def test_session_cookie_flags(app, client):
    make_staff(email=EMAIL)
    response = submit_login_form(client, EMAIL)
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    from config import Config, DevelopmentConfig

    assert Config.SESSION_COOKIE_SECURE is True
    assert DevelopmentConfig.SESSION_COOKIE_SECURE is False


def test_password_is_hashed_with_scrypt(app):
    user = make_staff(email=EMAIL)
    assert user.password_hash.startswith("scrypt:")
    assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    "password", ["kurz", "passwort1234", "123456789012", "aaaaaaaaaaaa", "Passwort1234!"]
)
def test_weak_passwords_are_refused(password):
    assert password_problem(password) is not None


@pytest.mark.parametrize(
    "password", ["Kaffeetasse im Regen", "pferd batterie heftklammer", "Zechenturm-Gelb-1927"]
)
def test_long_uncommon_passwords_pass_without_composition_rules(password):
    assert password_problem(password) is None


def test_staff_create_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "staff",
            "create",
            "--email",
            "Admin@Example.org",
            "--name",
            "Erste Admin",
            "--role",
            "admin",
            "--password",
            "Zechenturm-Gelb-1927",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(StaffUser))
    assert (user.email, user.role) == ("admin@example.org", StaffRole.ADMIN)
    weak = runner.invoke(
        args=[
            "staff",
            "create",
            "--email",
            "b@example.org",
            "--name",
            "B",
            "--password",
            "passwort1234",
        ]
    )
    assert weak.exit_code != 0
    assert "zu leicht zu erraten" in weak.output
    no_department = runner.invoke(
        args=[
            "staff",
            "create",
            "--email",
            "c@example.org",
            "--name",
            "C",
            "--role",
            "coordinator",
            "--password",
            "Zechenturm-Gelb-1927",
        ]
    )
    assert no_department.exit_code != 0
    assert db.session.scalar(select(db.func.count()).select_from(StaffUser)) == 1


def test_staff_area_stays_german(client):
    html = client.get("/mitarbeitende/anmelden?lang=ar").get_data(as_text=True)
    assert '<html lang="de" dir="ltr">' in html


def test_next_parameter_cannot_redirect_elsewhere(client):
    make_staff(email=EMAIL)
    page = client.get("/mitarbeitende/anmelden?next=//evil.example.org/")
    from tests.support.forms import csrf_token

    response = client.post(
        "/mitarbeitende/anmelden?next=//evil.example.org/",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "email": "koordination@example.org",
            "password": PASSWORD,
        },
    )
    assert response.headers["Location"].endswith("/dashboard/")


def test_login_form_errors(client):
    html = post_form(client, "/mitarbeitende/anmelden", {"email": "", "password": ""}).get_data(
        as_text=True
    )
    assert "Bitte geben Sie Ihre E-Mail-Adresse ein." in html


@pytest.mark.parametrize("length", [72, 73, 100, 256])
def test_long_passwords_are_judged_not_crashed(length):
    """zxcvbn refuses more than 72 characters; the policy judges the first 72 (found by fuzzing)."""
    strong = ("Zechenturm im Nebel 1927 " * 11)[:length]
    assert password_problem(strong) is None
    assert password_problem("a" * length) is not None
