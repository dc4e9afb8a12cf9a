"""PostgreSQL role separation: the owner migrates, the application's role only reads and writes.

The application role may SELECT, INSERT, UPDATE and DELETE rows and use the sequences, but owns
nothing: it cannot TRUNCATE, ALTER or DROP a table, nor disable or drop a trigger. On the audit
log it may only read and append (the append-only trigger refuses UPDATE and DELETE as well).
Run as the owner after every migration: `flask grant-app-role mentoring_app` (make serve does it
when MIGRATE_DATABASE_URL is set); new tables of later migrations are covered by the default
privileges too.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

APPEND_ONLY_TABLES = ("audit_log",)


def grant_statements(role: str, owner: str) -> list[str]:
    quoted, owner_quoted = _quote(role), _quote(owner)
    statements = [
        f"GRANT CONNECT ON DATABASE {{database}} TO {quoted}",
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"REVOKE CREATE ON SCHEMA public FROM {quoted}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_quoted} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {quoted}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_quoted} IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {quoted}",
    ]
    for table in APPEND_ONLY_TABLES:
        statements.append(
            f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {table} FROM {quoted}"
        )
    return statements


def grant_app_role(conn: Connection, role: str) -> list[str]:
    """Apply grant_statements() as the connected owner; returns what was run."""
    if conn.dialect.name != "postgresql":
        raise ValueError("role separation needs PostgreSQL")
    owner = conn.scalar(text("SELECT current_user"))
    if role == owner:
        raise ValueError("the application role must not be the owner of the tables")
    database = _quote(conn.scalar(text("SELECT current_database()")))
    statements = [s.replace("{database}", database) for s in grant_statements(role, owner)]
    for statement in statements:
        conn.execute(text(statement))
    return statements


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
