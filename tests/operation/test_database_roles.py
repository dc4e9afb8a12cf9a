"""The application's PostgreSQL role reads and writes rows but cannot tamper with the audit log."""

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from mentoring.database_roles import grant_app_role
from mentoring.extensions import db

TAMPERING = [
    "TRUNCATE audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
    "DROP TRIGGER audit_log_append_only ON audit_log",
    "ALTER TABLE audit_log ADD COLUMN note text",
    "DROP TABLE audit_log",
    "UPDATE audit_log SET detail = 'x'",
    "DELETE FROM audit_log",
    "TRUNCATE volunteers CASCADE",
    "CREATE TABLE intruder (id int)",
]


@pytest.fixture
def app_role_engine(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("role separation is a PostgreSQL feature")
    database = db.engine.url.database
    role = f"app_{database}"  # roles are cluster-wide: one per test database
    with db.engine.begin() as conn:
        if _exists(conn, role):  # left over from an interrupted run
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        grant_app_role(conn, role)
    url = make_url(db.engine.url).set(username=role, password=None)
    engine = create_engine(url, hide_parameters=True)
    yield engine
    engine.dispose()
    with db.engine.begin() as conn:
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))


def _exists(conn, role) -> bool:
    return bool(conn.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": role}))


@pytest.mark.postgres_only
def test_app_role_writes_rows_and_appends_to_the_audit_log(app_role_engine):
    with app_role_engine.begin() as conn:
        conn.execute(
            text("INSERT INTO audit_log (at, action, detail) VALUES (now(), 'view', 'test')")
        )
        conn.execute(text("UPDATE programmes SET name = name"))
        assert conn.scalar(text("SELECT count(*) FROM audit_log")) == 1
        conn.execute(text("SELECT id FROM programmes FOR UPDATE"))


@pytest.mark.postgres_only
@pytest.mark.parametrize("statement", TAMPERING)
def test_app_role_cannot_tamper(app_role_engine, statement):
    with app_role_engine.connect() as conn:
        conn.execute(text("INSERT INTO audit_log (at, action) VALUES (now(), 'view')"))
        with pytest.raises(DBAPIError) as refused:
            conn.execute(text(statement))
        assert refused.value.orig.sqlstate in ("42501", "P0001"), refused.value.orig.sqlstate
        conn.rollback()
