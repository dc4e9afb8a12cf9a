"""One way to log in: `login(client, user)`. The login form itself is driven only where it is
under test (`submit_login_form`), and in the browser (`log_in_page`)."""

import time

from mentoring.extensions import db
from mentoring.models import StaffSession, StaffUser
from mentoring.tokens import digest, new_token
from tests.support.factories import PASSWORD
from tests.support.forms import csrf_token, post_form

LOGIN_URL = "/mitarbeitende/anmelden"
LOGOUT_URL = "/mitarbeitende/abmelden"
STAFF_EMAIL = "koordination@example.org"  # the address tests of the login form sign up with


def session_id_for(user: StaffUser) -> str:
    """A server-side session for the user, without the login form (for fast fixtures)."""
    token = new_token()
    db.session.add(StaffSession(id=digest(token), staff_id=user.id))
    db.session.commit()
    return token


def login(client, user):
    """Log the client in as the staff member by session (no password hashing, no throttle).

    Returns the staff member: `staff = login(client, make_staff())`.
    """
    with client.session_transaction() as session:
        session["_user_id"] = session_id_for(user)
        session["_fresh"] = True
        session["last_active"] = time.time()
    return user


def submit_login_form(client, email: str = STAFF_EMAIL, password: str = PASSWORD):
    """Log in through the login form (for tests of the login itself)."""
    return post_form(client, LOGIN_URL, {"email": email, "password": password})


def logout(client):
    page = client.get("/dashboard/").get_data(as_text=True)
    return client.post(LOGOUT_URL, data={"csrf_token": csrf_token(page)})


def enable_second_factor(user: StaffUser) -> str:
    """Enrol the user's TOTP through the operations; return the secret."""
    import pyotp

    from mentoring.operations.two_factor import confirm_enrolment, pending_secret

    secret = pending_secret(staff=user)
    confirm_enrolment(staff=user, code=pyotp.TOTP(secret).now())
    return secret


def code_for(secret: str, steps_ahead: int = 1) -> str:
    """A valid code of a later time step (each step's code is accepted only once)."""
    import pyotp

    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def log_in_page(page) -> None:
    """Log a Playwright page in as the demo coordinator through the login form."""
    from mentoring.demo.staff import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD

    page.goto(LOGIN_URL)
    page.fill("#email", DEMO_STAFF_EMAIL)
    page.fill("#password", DEMO_STAFF_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    errors = page.locator("#error-summary").all_inner_texts()
    assert LOGIN_URL not in page.url, errors
