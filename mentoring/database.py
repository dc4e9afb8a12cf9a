"""Engine settings: parameters never in logs or errors, timeouts on PostgreSQL, honest SQLite."""

from __future__ import annotations

import contextlib
import logging

import click
from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)


def configure_engine_options(app: Flask) -> None:
    """Complete SQLALCHEMY_ENGINE_OPTIONS for the configured database (before db.init_app).

    hide_parameters keeps names and e-mail addresses out of every SQLAlchemy error message and
    log line, in every mode. On PostgreSQL a server that does not answer fails the connection
    after DB_CONNECT_TIMEOUT seconds and a web request's statement after DB_STATEMENT_TIMEOUT
    seconds; commands (`flask db upgrade`, `flask privacy purge`) may take longer.
    """
    options = {**app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}), "hide_parameters": True}
    url = app.config.get("SQLALCHEMY_DATABASE_URI")
    if url and make_url(url).get_backend_name() == "postgresql":
        connect_args = {"connect_timeout": app.config.get("DB_CONNECT_TIMEOUT", 5)}
        if click.get_current_context(silent=True) is None:  # not a flask command
            statement_ms = int(app.config.get("DB_STATEMENT_TIMEOUT", 15) * 1000)
            connect_args["options"] = f"-c statement_timeout={statement_ms}"
        options["connect_args"] = {**connect_args, **options.get("connect_args", {})}
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def close_sessions_safely(app: Flask, db) -> None:
    """End each request's session without letting a lost server turn a finished page into 500.

    Registered after db.init_app, so it runs before Flask-SQLAlchemy's own teardown. When the
    database went away after the page was rendered, the closing ROLLBACK fails; the connection is
    discarded and the visitor still gets the page (nothing was left to write).
    """

    @app.teardown_appcontext
    def _remove_session(_error=None):
        try:
            db.session.remove()
        except DBAPIError:
            log.warning("database connection lost while closing the session; discarded")
            with contextlib.suppress(DBAPIError):
                db.session().invalidate()
            db.session.registry.clear()


def enable_sqlite_pragmas(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # 32 MB page cache per connection (default 2 MB): the statistics scan whole tables.
        cursor.execute("PRAGMA cache_size=-32000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
