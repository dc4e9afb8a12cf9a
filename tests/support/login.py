"""One way to log in: `login(client, user)`. The login form itself is driven only where it is
under test (`submit_login_form`), and in the browser (`log_in_page`)."""

import time

from tests.support.factories import PASSWORD
from tests.support.forms import post_form

LOGIN_URL = "/mitarbeitende/anmelden"


def login(client, user):
    """Log the client in as the staff member by session (no password hashing, no throttle).

    Returns the staff member: `staff = login(client, make_staff())`.
    """
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
        session["last_active"] = time.time()
    return user


def submit_login_form(client, email: str, password: str = PASSWORD):
    """Log in through the login form (for tests of the login itself)."""
    return post_form(client, LOGIN_URL, {"email": email, "password": password})


def log_in_page(page) -> None:
    """Log a Playwright page in as the demo coordinator through the login form."""
    from mentoring.demo.loader import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD

    page.goto(LOGIN_URL)
    page.fill("#email", DEMO_STAFF_EMAIL)
    page.fill("#password", DEMO_STAFF_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    errors = page.locator("#error-summary").all_inner_texts()
    assert LOGIN_URL not in page.url, errors
