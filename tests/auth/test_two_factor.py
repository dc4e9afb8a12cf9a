"""TOTP second factor: enrolment at first login, the second step, recovery codes, replay."""

import re

import pyotp
import pytest
from sqlalchemy import func, select

from mentoring.extensions import db
from mentoring.models import AuditEntry, RecoveryCode, StaffSession, StaffUser
from tests.support.factories import make_staff
from tests.support.forms import post_form
from tests.support.login import STAFF_EMAIL, code_for, enable_second_factor, submit_login_form

SECRET_RE = re.compile(r'id="totp-secret">([A-Z2-7 ]+)<')
RECOVERY_RE = re.compile(r"<li><code>([a-z0-9-]+)</code></li>")


@pytest.fixture
def require_2fa(app):
    app.config["STAFF_REQUIRE_2FA"] = True


def _logged_in(client) -> bool:
    return client.get("/dashboard/").status_code == 200


def test_first_login_enrols_totp_with_qr_code_and_secret_as_text(app, client, require_2fa):
    user = make_staff(email=STAFF_EMAIL)
    response = submit_login_form(client)
    assert response.headers["Location"].endswith("/mitarbeitende/zwei-faktor/einrichten")
    assert not _logged_in(client)  # the password alone is not a login
    page = client.get("/mitarbeitende/zwei-faktor/einrichten").get_data(as_text=True)
    assert "<svg" in page and 'role="img"' in page
    grouped = SECRET_RE.search(page).group(1)
    assert all(len(group) == 4 for group in grouped.split(" "))
    secret = grouped.replace(" ", "")
    assert (
        client.get("/mitarbeitende/zwei-faktor/einrichten").get_data(as_text=True).count(grouped)
    )  # a reload shows the same secret
    stored = db.session.get(StaffUser, user.id).totp_secret
    assert secret not in stored  # encrypted at rest

    wrong = post_form(client, "/mitarbeitende/zwei-faktor/einrichten", {"code": "000000"})
    assert "Der Code stimmt nicht" in wrong.get_data(as_text=True)
    done = post_form(
        client, "/mitarbeitende/zwei-faktor/einrichten", {"code": pyotp.TOTP(secret).now()}
    )
    codes = RECOVERY_RE.findall(done.get_data(as_text=True))
    assert len(codes) == 10 and len(set(codes)) == 10
    assert _logged_in(client)
    hashes = set(db.session.scalars(select(RecoveryCode.code_hash)))
    assert len(hashes) == 10 and not any(c.replace("-", "") in hashes for c in codes)
    assert db.session.get(StaffUser, user.id).totp_enabled


def test_second_step_after_the_password(app, client):
    user = make_staff(email=STAFF_EMAIL)
    secret = enable_second_factor(user)
    response = submit_login_form(client)
    assert response.headers["Location"].endswith("/mitarbeitende/anmelden/code")
    assert not _logged_in(client)
    assert db.session.scalar(select(func.count()).select_from(StaffSession)) == 0
    wrong = post_form(client, "/mitarbeitende/anmelden/code", {"code": "123456"})
    assert "Der Code stimmt nicht." in wrong.get_data(as_text=True)
    assert not _logged_in(client)
    right = post_form(client, "/mitarbeitende/anmelden/code", {"code": code_for(secret)})
    assert right.headers["Location"].endswith("/dashboard/")
    assert _logged_in(client)


def test_a_code_is_accepted_only_once(app, client):
    user = make_staff(email=STAFF_EMAIL)
    secret = enable_second_factor(user)
    code = code_for(secret)
    submit_login_form(client)
    post_form(client, "/mitarbeitende/anmelden/code", {"code": code})
    assert _logged_in(client)
    other = app.test_client()
    submit_login_form(other)
    replay = post_form(other, "/mitarbeitende/anmelden/code", {"code": code})
    assert "Der Code stimmt nicht." in replay.get_data(as_text=True)


def test_recovery_code_works_once(app, client, require_2fa):
    make_staff(email=STAFF_EMAIL)
    submit_login_form(client)
    page = client.get("/mitarbeitende/zwei-faktor/einrichten").get_data(as_text=True)
    secret = SECRET_RE.search(page).group(1).replace(" ", "")
    done = post_form(
        client, "/mitarbeitende/zwei-faktor/einrichten", {"code": pyotp.TOTP(secret).now()}
    )
    recovery = RECOVERY_RE.findall(done.get_data(as_text=True))[0]

    first = app.test_client()
    submit_login_form(first)
    response = post_form(first, "/mitarbeitende/anmelden/code", {"code": recovery.upper()})
    assert response.status_code == 302 and _logged_in(first)
    second = app.test_client()
    submit_login_form(second)
    again = post_form(second, "/mitarbeitende/anmelden/code", {"code": recovery})
    assert "Der Code stimmt nicht." in again.get_data(as_text=True)
    assert not _logged_in(second)
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"2fa_enrolled", "2fa_recovery_code_used", "2fa_failed"} <= actions


def test_second_step_cannot_be_skipped(app, client):
    user = make_staff(email=STAFF_EMAIL)
    enable_second_factor(user)
    submit_login_form(client)
    assert client.get("/dashboard/").status_code == 302
    assert client.get("/mitarbeitende/zwei-faktor/einrichten").status_code == 302


def test_the_second_step_expires(app, client):
    enable_second_factor(make_staff(email=STAFF_EMAIL))
    submit_login_form(client)
    with client.session_transaction() as session:
        pending = session["login_pending"]
        pending["at"] -= 11 * 60
        session["login_pending"] = pending
    response = client.get("/mitarbeitende/anmelden/code")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/mitarbeitende/anmelden")


def test_without_requirement_no_second_factor_is_asked(app, client):
    make_staff(email=STAFF_EMAIL)
    assert submit_login_form(client).headers["Location"].endswith("/dashboard/")
