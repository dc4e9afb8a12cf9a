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
