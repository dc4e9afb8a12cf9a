"""No SQL parameters and no personal data in any log line; one line per event with a request id."""

import io
import logging

import pytest
from sqlalchemy import text

from mentoring.extensions import db
from mentoring.logs import LOG_FORMAT, OneLineFormatter, RequestIdFilter

EMAIL = "anneliese.brinkmann-1951@example.org"


@pytest.fixture
def root_log():
    """The application's own formatter on a handler on the root logger, as in production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(OneLineFormatter(LOG_FORMAT))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


def _failing_route(app):
    @app.route("/_test/doppelt")
    def duplicate():
        db.session.execute(text("CREATE TEMPORARY TABLE probe (email VARCHAR(254) UNIQUE)"))
        for _ in range(2):
            db.session.execute(text("INSERT INTO probe (email) VALUES (:email)"), {"email": EMAIL})
        return "unreachable"

    @app.route("/_test/umwandeln")
    def cast():
        return str(db.session.scalar(text("SELECT CAST(:email AS INTEGER) + 1"), {"email": EMAIL}))


def test_database_error_is_logged_without_its_parameters(app, client, caplog, root_log):
    _failing_route(app)
    caplog.set_level(logging.DEBUG)
    response = client.get("/_test/doppelt")
    assert response.status_code == 500
    assert "Ein Fehler ist aufgetreten" in response.get_data(as_text=True)
    if db.engine.dialect.name == "postgresql":
        assert client.get("/_test/umwandeln").status_code == 500
    logged = caplog.text + root_log.getvalue()
    assert "IntegrityError" in logged
    assert EMAIL not in logged and "anneliese" not in logged
    assert "brinkmann" not in response.get_data(as_text=True)


def test_each_event_is_one_line_with_the_request_id(app, client, root_log):
    _failing_route(app)
    response = client.get("/_test/doppelt")
    request_id = response.headers["X-Request-ID"]
    lines = [line for line in root_log.getvalue().splitlines() if "database error" in line]
    assert len(lines) == 1
    assert f"request_id={request_id}" in lines[0]
    assert "sqlstate=" in lines[0]


def test_tracebacks_fold_into_one_line(root_log):
    try:
        raise ValueError("kaputt\nzweite Zeile")
    except ValueError:
        logging.getLogger("mentoring.test").exception("it broke")
    output = root_log.getvalue()
    assert output.count("\n") == 1
    assert "error=builtins.ValueError" in output and "request_id=-" in output
