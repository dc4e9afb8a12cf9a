"""Structured logs: one line per event with the request id, errors without personal data.

Every line reads ``time level logger request_id=… message``; a traceback is folded into the same
line as ``error=Type at file:line`` frames. A database error is described by its class, SQLSTATE
and constraint only: the driver's message repeats the offending values (``Key (email)=(…)``), and
SQL parameters are hidden by the engine (mentoring/database.py). The request id comes from a
trusted proxy's ``X-Request-ID`` or is made here, and is sent back in the response, so that the
access log line (gunicorn.conf.py) and the application's lines of one request can be matched.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
import uuid

from flask import Flask, current_app, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Paths that carry a secret (signed links handed out to people): logged without it.
SECRET_PATH_RE = re.compile(
    r"^(/einwilligung/widerrufen/|/mitarbeitende/passwort-setzen/|/e-mail-bestaetigen/"
    r"|/mein-engagement/|/meine-anfrage/)[^/?#]+"
)
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s"


def redact_path(path: str) -> str:
    """The path for an access log: a link's token replaced by a placeholder."""
    return SECRET_PATH_RE.sub(r"\1[token]", path or "")


def request_id() -> str:
    return getattr(g, "request_id", "-") if has_request_context() else "-"


def describe_exception(error: BaseException) -> str:
    """A one-line description of an exception (and its causes) that holds no parameter values."""
    parts = []
    seen = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts.append(_describe_one(current))
        current = current.__cause__ or current.__context__
    return " <- ".join(parts)


def _describe_one(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = " ".join(f"{_short(f.filename)}:{f.lineno}:{f.name}" for f in frames)
    text = f"error={type(error).__module__}.{type(error).__name__}"
    if _is_database_error(error):
        original = getattr(error, "orig", error)
        sqlstate = getattr(original, "sqlstate", None) or getattr(
            original, "sqlite_errorname", None
        )
        diag = getattr(original, "diag", None)
        constraint = getattr(diag, "constraint_name", None)
        text += f" sqlstate={sqlstate or '-'}"
        if constraint:
            text += f" constraint={constraint}"
    else:
        message = " ".join(str(error).split())[:200]
        if message:
            text += f" message={message!r}"
    return f"{text} at {where}" if where else text


def _is_database_error(error: BaseException) -> bool:
    module = type(error).__module__
    return module.startswith(("sqlalchemy", "psycopg", "sqlite3"))


def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/mentoring/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename.rsplit("/", 1)[-1]


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the moment (the test runner swaps it per test)."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self):
        return sys.stderr


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id()
        return True


class OneLineFormatter(logging.Formatter):
    """Fold every record into one line; tracebacks become describe_exception()."""

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = request_id()
        saved = record.exc_info, record.exc_text, record.stack_info
        message = super().formatMessage(self._prepare(record))
        record.exc_info, record.exc_text, record.stack_info = saved
        if record.exc_info and record.exc_info[1] is not None:
            message += " " + describe_exception(record.exc_info[1])
        return " ".join(message.split("\n"))

    def _prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        record.message = record.getMessage()
        record.asctime = self.formatTime(record, self.datefmt)
        return record


def install_root_handler(level: int = logging.INFO) -> None:
    """One stderr handler on the root logger, once per process (create_app runs many times)."""
    root = logging.getLogger()
    if any(getattr(handler, "_mentoring", False) for handler in root.handlers):
        return
    handler = StderrHandler()
    handler._mentoring = True  # type: ignore[attr-defined]
    handler.setFormatter(OneLineFormatter(LOG_FORMAT))
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    if root.level == logging.WARNING:  # the default: nobody configured it
        root.setLevel(level)


def init_app(app: Flask) -> None:
    install_root_handler()

    @app.before_request
    def _assign_request_id():
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        trusted = current_app.config.get("TRUSTED_PROXIES", 0) > 0
        g.request_id = incoming if trusted and REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex

    @app.after_request
    def _send_request_id(response):
        if "request_id" in g:
            response.headers[REQUEST_ID_HEADER] = g.request_id
        return response
