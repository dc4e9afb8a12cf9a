"""Create a fresh, empty PostgreSQL test database: python -m tests.pgdb recreate URL."""

import sys

import psycopg
from sqlalchemy.engine import make_url


def recreate(url: str) -> None:
    parsed = make_url(url)
    admin = psycopg.connect(
        host=parsed.host or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{parsed.database}"')
    print(f"fresh database {parsed.database}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "recreate":
        sys.exit("usage: python -m tests.pgdb recreate URL")
    recreate(sys.argv[2])
