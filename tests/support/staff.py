"""Fixtures for the staff features' tests: coordinators of two departments, logged-in clients,
a world. Registered for every test in tests/conftest.py (pytest_plugins).

Department A is FB 41 (programme "ausbildungspaten"), department B is FB 43 ("familienpaten").
"""

import pytest

from mentoring.extensions import db
from mentoring.messages.flows import signup_confirmation
from mentoring.models import DuplicateSignup, PairExclusion, RequestStatus, VolunteerStatus
from tests.support.factories import (
    DEPT_A,
    DEPT_B,
    PROGRAMME_A,
    make_police_check,
    make_request,
    make_staff,
    make_tandem_world,
    make_volunteer,
    programme,
)
from tests.support.login import login


@pytest.fixture
def coordinator_a(app):
    return make_staff(
        email="koordination.a@example.org", name="Anna Abteilung-A", departments=(DEPT_A,)
    )


@pytest.fixture
def coordinator_b(app):
    return make_staff(
        email="koordination.b@example.org", name="Bernd Abteilung-B", departments=(DEPT_B,)
    )


@pytest.fixture
def client_a(app, coordinator_a):
    client = app.test_client()
    login(client, coordinator_a)
    return client


@pytest.fixture
def client_b(app, coordinator_b):
    client = app.test_client()
    login(client, coordinator_b)
    return client


@pytest.fixture
def world_a(app, coordinator_a):
    """One record of every kind in department A, with names no other record carries."""
    volunteer = make_volunteer(
        first_name="Adalbert",
        last_name="Alphamentor",
        email="adalbert.alphamentor@example.org",
        status=VolunteerStatus.NEW,
        created_days_ago=10,
    )
    look_alike = make_volunteer(
        first_name="Adalbert",
        last_name="Alphamentor",
        email="adalbert.zweitadresse@example.org",
        status=VolunteerStatus.NEW,
        created_days_ago=2,
    )
    mentee_request = make_request(
        person_first_name="Aurelia",
        contact_last_name="Alphakontakt",
        contact_email="aurelia.alphakontakt@example.org",
        status=RequestStatus.NEW,
        created_days_ago=10,
    )
    db.session.add(DuplicateSignup(reference="E-DUPL-AAAA", volunteer_id=volunteer.id))
    db.session.add(
        PairExclusion(
            volunteer_id=volunteer.id, request_id=mentee_request.id, reason="volunteer_declined"
        )
    )
    db.session.commit()
    make_police_check(volunteer, staff_id=coordinator_a.id)
    ids = make_tandem_world(volunteer, mentee_request, coordinator_a.id)
    message = signup_confirmation("volunteer", volunteer)
    db.session.commit()
    ids.update(
        message_id=message.id,
        volunteer_id=volunteer.id,
        other_volunteer_id=look_alike.id,
        request_id=mentee_request.id,
        programme_id=programme(PROGRAMME_A).id,
    )
    ids["markers"] = (
        "Alphamentor",
        "Alphakontakt",
        "Aurelia",
        volunteer.reference,
        mentee_request.reference,
    )
    return ids
