"""Fixtures for the privacy tests: staff accounts and a logged-in coordinator."""

import pytest

from mentoring.models import StaffRole
from tests.auth_helpers import create_staff, login


@pytest.fixture
def coordinator(app):
    return create_staff()


@pytest.fixture
def admin(app):
    return create_staff(
        email="admin@example.org", role=StaffRole.ADMIN, departments=(), name="Adele Admin"
    )


@pytest.fixture
def staff_client(client, coordinator):
    login(client)
    return client


@pytest.fixture
def admin_client(client, admin):
    login(client, email="admin@example.org")
    return client
