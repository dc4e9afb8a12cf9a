"""Staff factories and login for tests."""

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import Department, StaffRole, StaffSession, StaffUser
from mentoring.tokens import digest, new_token
from tests.conftest import post_form

PASSWORD = "Kaffeetasse im Regen 7"


def create_staff(
    email="koordination@example.org",
    role=StaffRole.COORDINATOR,
    departments=("fb41",),
    name="Petra Palermo",
    password=PASSWORD,
) -> StaffUser:
    user = StaffUser(
        email=email,
        name=name,
        role=role,
        departments=list(
            db.session.scalars(select(Department).where(Department.code.in_(departments)))
        ),
    )
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def login(client, email="koordination@example.org", password=PASSWORD):
    return post_form(client, "/mitarbeitende/anmelden", {"email": email, "password": password})


def session_id_for(user: StaffUser) -> str:
    """A server-side session for the user, without the login form (for fast fixtures)."""
    token = new_token()
    db.session.add(StaffSession(id=digest(token), staff_id=user.id))
    db.session.commit()
    return token


def enable_second_factor(user: StaffUser) -> str:
    """Enrol the user's TOTP through the operations; return the secret."""
    import pyotp

    from mentoring.operations.two_factor import confirm_enrolment, pending_secret

    secret = pending_secret(staff=user)
    confirm_enrolment(staff=user, code=pyotp.TOTP(secret).now())
    return secret


def code_for(secret: str, steps_ahead: int = 1) -> str:
    """A valid code of a later time step (each step's code is accepted only once)."""
    import time

    import pyotp

    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def logout(client):
    from tests.conftest import csrf_token

    page = client.get("/dashboard/").get_data(as_text=True)
    return client.post("/mitarbeitende/abmelden", data={"csrf_token": csrf_token(page)})


ADMIN_EMAIL = "verwaltung@example.org"


def admin_client(app):
    """A new client logged in as an admin (created if missing)."""
    from mentoring.extensions import db as _db

    if _db.session.scalar(select(StaffUser.id).where(StaffUser.email == ADMIN_EMAIL)) is None:
        create_staff(email=ADMIN_EMAIL, name="Ada Verwaltung", role=StaffRole.ADMIN, departments=())
    client = app.test_client()
    assert login(client, email=ADMIN_EMAIL).status_code == 302
    return client


def press(client, page_url: str, action_url: str, data: dict | None = None):
    """Open a page and submit one of its forms to action_url (CSRF token from the page)."""
    from tests.conftest import csrf_token

    page = client.get(page_url)
    assert page.status_code == 200, page.status_code
    token = csrf_token(page.get_data(as_text=True))
    return client.post(action_url, data={"csrf_token": token, **(data or {})})
