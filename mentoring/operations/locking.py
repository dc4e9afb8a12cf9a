"""Row locks for operations that must not race: take the write lock first, then lock rows.

Lock order: volunteer → request → proposal → tandem / check-in, everywhere. Two operations
that lock the same rows then wait for each other instead of deadlocking.
"""

from sqlalchemy import select

from mentoring.extensions import db
from mentoring.operations import OperationError


def begin_write() -> None:
    """Start the write transaction now: SQLite takes its single writer lock up front."""
    conn = db.session.connection()
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        if not raw.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def locked(model, row_id):
    """Load a row fresh from the database, locked until commit (PostgreSQL: FOR UPDATE)."""
    return db.session.execute(
        select(model)
        .where(model.id == row_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()


def refuse(message: str):
    """Roll back what the operation did so far and refuse with a (translated) message."""
    db.session.rollback()
    raise OperationError(message)
