"""Fixtures: an app on a fresh database per test (SQLite by default, PostgreSQL via
TEST_DATABASE_URL), a client, and factories for the people the tests need."""

import os
import re

import pytest
from flask import g
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from mentoring import create_app
from mentoring.extensions import db
from mentoring.operations.reference import seed_reference_data
from mentoring.privacy.append_only import sqlite_triggers_lifted

# Staff of two departments, logged-in clients and people, for every staff feature's tests.
pytest_plugins = ["tests.support.staff"]


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


def config_for(url: str) -> type:
    """TestConfig bound to this run's database (config.py reads the environment at import,
    which may happen before this fixture runs)."""
    from config import TestConfig

    return type("BoundTestConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url})


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
        db.engine.dispose()
    return url


def _empty_all_tables() -> None:
    tables = [t for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            with sqlite_triggers_lifted(conn):  # the audit log refuses DELETE otherwise
                for table in tables:
                    conn.execute(table.delete())


class FreshGlobalsClient(FlaskClient):
    """Requests reuse the test's app context, so clear `g` as a new request would find it.

    Otherwise Flask-Login's cached user and Flask-WTF's cached CSRF token leak between requests.
    """

    def open(self, *args, **kwargs):
        vars(g._get_current_object()).clear()
        return super().open(*args, **kwargs)


@pytest.fixture
def app(database_url):
    app = create_app(config_for(database_url))
    app.test_client_class = FreshGlobalsClient
    with app.app_context():
        seed_reference_data()
        yield app
        db.session.remove()
        _empty_all_tables()
        for engine in db.engines.values():
            engine.dispose()  # each test has its own app and pool: close its connections


@pytest.fixture
def client(app):
    return app.test_client()


CSRF_INPUT_RE = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')
VALUE_RE = re.compile(r'value="([^"]+)"')


def csrf_token(html: str) -> str:
    tag = CSRF_INPUT_RE.search(html)
    assert tag, "form has no CSRF token"
    return VALUE_RE.search(tag.group(0)).group(1)


def post_form(client, url: str, data: dict, **kwargs):
    """Load the form like a browser (CSRF token included), then submit it."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(
        url, data={"csrf_token": csrf_token(page.get_data(as_text=True)), **data}, **kwargs
    )
