"""A request past its time gets the application's own German 503 page, and the app recovers."""

import time

import pytest
from sqlalchemy import text

from mentoring.extensions import db
from mentoring.factory import create_app
from tests.support.config import FreshGlobalsClient, config_for


@pytest.fixture
def make_app(database_url):
    made = []

    def make(**settings):
        app = create_app(type("Timed", (config_for(database_url),), settings))
        app.test_client_class = FreshGlobalsClient

        @app.route("/_test/warten/<int:seconds>")
        def wait(seconds):
            time.sleep(seconds)
            return "fertig"

        @app.route("/_test/datenbank-schlaeft/<int:seconds>")
        def sleep_in_database(seconds):
            db.session.execute(text("SELECT pg_sleep(:s)"), {"s": seconds})
            return "fertig"

        @app.route("/_test/zaehlen")
        def count():
            return str(db.session.scalar(text("SELECT count(*) FROM programmes")))

        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()


def _assert_german_503(response):
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert "Bitte warten Sie einige Minuten und versuchen Sie es dann noch einmal." in html
    assert 'lang="de"' in html


def test_slow_request_gets_the_german_503_page(make_app):
    app = make_app(REQUEST_TIMEOUT=1)
    with app.app_context():
        started = time.monotonic()
        response = app.test_client().get("/_test/warten/5")
        assert time.monotonic() - started < 3
        _assert_german_503(response)
        assert app.test_client().get("/_test/warten/0").get_data(as_text=True) == "fertig"


def _needs_postgresql(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("pg_sleep and server-side timeouts need PostgreSQL")


@pytest.mark.postgres_only
def test_deadline_interrupts_a_waiting_database_call_and_the_pool_recovers(make_app):
    app = make_app(REQUEST_TIMEOUT=1, DB_STATEMENT_TIMEOUT=30)
    _needs_postgresql(app)
    with app.app_context():
        started = time.monotonic()
        _assert_german_503(app.test_client().get("/_test/datenbank-schlaeft/10"))
        assert time.monotonic() - started < 4
        for _ in range(3):  # the interrupted connection was thrown away, not reused
            assert app.test_client().get("/_test/zaehlen").status_code == 200


@pytest.mark.postgres_only
def test_deadline_also_ends_a_wait_for_a_lock_held_elsewhere(make_app):
    """Like a frozen server: the client waits on a socket that does not answer."""
    app = make_app(REQUEST_TIMEOUT=1, DB_STATEMENT_TIMEOUT=30)
    _needs_postgresql(app)

    @app.route("/_test/sperre")
    def locked():
        db.session.execute(text("LOCK TABLE programmes IN ACCESS EXCLUSIVE MODE"))
        return "gesperrt"

    with app.app_context():
        holder = db.engine.connect()
        try:
            holder.execute(text("LOCK TABLE programmes IN ACCESS EXCLUSIVE MODE"))
            _assert_german_503(app.test_client().get("/_test/sperre"))
        finally:
            holder.rollback()
            holder.close()
        assert app.test_client().get("/_test/zaehlen").status_code == 200


@pytest.mark.postgres_only
def test_statement_timeout_gives_the_german_503_page(make_app):
    app = make_app(REQUEST_TIMEOUT=0, DB_STATEMENT_TIMEOUT=1)
    _needs_postgresql(app)
    with app.app_context():
        started = time.monotonic()
        _assert_german_503(app.test_client().get("/_test/datenbank-schlaeft/10"))
        assert time.monotonic() - started < 4
        assert app.test_client().get("/_test/zaehlen").status_code == 200


def test_a_server_lost_before_the_closing_rollback_is_not_an_error(app, monkeypatch):
    """The page was rendered; the database went away before the session's closing ROLLBACK."""
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session

    original, failures = Session.close, []

    def close_on_a_lost_server(self):
        if not failures:
            failures.append(self)
            raise OperationalError("ROLLBACK", {}, Exception("server closed the connection"))
        return original(self)

    db.session.execute(text("SELECT 1"))
    monkeypatch.setattr(Session, "close", close_on_a_lost_server)
    app.do_teardown_appcontext()  # raises without mentoring.database.close_sessions_safely
    assert failures
    assert not db.session.registry.has()
