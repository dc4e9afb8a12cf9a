"""Fixtures: an app on a fresh database per test (SQLite by default, PostgreSQL via
TEST_DATABASE_URL), a client, and the staff most tests need.

The reference data (programmes, places, languages, ...) is seeded once per run; after each test
only the other tables are emptied, and the reference tables are restored only when a test wrote
to them.
"""

import os
import re

import pytest
from flask_migrate import upgrade
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from mentoring.extensions import db
from mentoring.factory import create_app
from mentoring.models import StaffRole
from mentoring.operations.reference import seed_reference_data
from tests.support.config import FreshGlobalsClient, config_for
from tests.support.database import sqlite_triggers_lifted
from tests.support.factories import ADMIN_EMAIL, make_staff
from tests.support.login import login

# Staff of two departments, logged-in clients and people, for every staff feature's tests.
pytest_plugins = ["tests.support.staff"]


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """Build the schema once per run, through the migrations only."""
    url = _database_url(tmp_path_factory)
    os.environ["TEST_DATABASE_URL"] = url
    app = create_app(config_for(url))
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        seed_reference_data()
        db.session.remove()
        db.engine.dispose()
    _reference_writes.clear()
    return url


# Reference tables: seeded once per run, see mentoring/operations/reference.py.
REFERENCE_TABLES = frozenset(
    ("departments", "programmes", "districts", "places", "postal_codes", "languages", "tags")
)
WRITE_RE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)', re.IGNORECASE
)
_reference_writes: set[str] = set()


@event.listens_for(Engine, "before_cursor_execute")
def _note_reference_write(conn, cursor, statement, parameters, context, executemany):
    match = WRITE_RE.match(statement)
    if match and match.group(1).lower() in REFERENCE_TABLES:
        _reference_writes.add(match.group(1).lower())


def _empty_tables(tables) -> None:
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            with sqlite_triggers_lifted(conn):  # the audit log refuses DELETE otherwise
                for table in tables:
                    conn.execute(table.delete())


def _reset_database() -> None:
    """Empty the tables the test filled; re-seed the reference data only if the test wrote to it.

    Reference ids stay the same either way: PostgreSQL restarts the identities, SQLite numbers
    an emptied table from 1 again, and the seed inserts in a fixed order.
    """
    tables = list(reversed(db.metadata.sorted_tables))
    if _reference_writes:
        _empty_tables(tables)
        seed_reference_data()
        db.session.remove()
        _reference_writes.clear()
    else:
        _empty_tables([t for t in tables if t.name not in REFERENCE_TABLES])


@pytest.fixture
def app(database_url):
    app = create_app(config_for(database_url))
    app.test_client_class = FreshGlobalsClient
    with app.app_context():
        yield app
        db.session.remove()
        _reset_database()
        for engine in db.engines.values():
            engine.dispose()  # each test has its own app and pool: close its connections


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def coordinator(app):
    """A coordinator of FB 41 (programme "ausbildungspaten")."""
    return make_staff(email="koordination@example.org")


@pytest.fixture
def admin(app):
    return make_staff(email=ADMIN_EMAIL, name="Adele Admin", role=StaffRole.ADMIN, departments=())


@pytest.fixture
def staff_client(client, coordinator):
    login(client, coordinator)
    return client


@pytest.fixture
def admin_client(app, admin):
    client = app.test_client()
    login(client, admin)
    return client
