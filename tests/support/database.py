"""The audit log is append-only in the database itself (see the audit_log_append_only migration).

Only the test suite's cleanup between tests may empty it; on SQLite that needs the triggers
lifted for a moment (PostgreSQL's TRUNCATE does not fire row triggers).
"""

from contextlib import contextmanager

from sqlalchemy import text

SQLITE_TRIGGERS = {
    "audit_log_no_update": "BEFORE UPDATE",
    "audit_log_no_delete": "BEFORE DELETE",
}


def _create_sql(name: str, when: str) -> str:
    return (
        f"CREATE TRIGGER IF NOT EXISTS {name} {when} ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )


@contextmanager
def sqlite_triggers_lifted(conn):
    """Drop the SQLite triggers inside the caller's transaction and put them back afterwards."""
    present = set(
        conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        ).scalars()
    )
    for name in SQLITE_TRIGGERS:
        if name in present:
            conn.execute(text(f"DROP TRIGGER {name}"))
    yield
    for name, when in SQLITE_TRIGGERS.items():
        if name in present:
            conn.execute(text(_create_sql(name, when)))
