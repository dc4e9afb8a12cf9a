"""The application's own deadline per request: a German 503 page instead of a killed worker.

gunicorn's sync worker serves one request at a time in the process's main thread, so a SIGALRM
timer can interrupt a request that waits too long, also on a database server that is frozen and
where PostgreSQL's own statement_timeout can never fire. The interrupted database connection is
thrown away (mentoring/errors.py), never returned to the pool. Threads (the development server)
cannot receive signals: there the deadline is off.
"""

from __future__ import annotations

import signal
import threading

from flask import Flask, current_app


class RequestTimeout(Exception):
    """The request ran past REQUEST_TIMEOUT seconds."""


def _raise_timeout(_signum, _frame):
    raise RequestTimeout()


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def start(seconds: float) -> None:
    if seconds > 0 and _in_main_thread():
        signal.signal(signal.SIGALRM, _raise_timeout)
        signal.setitimer(signal.ITIMER_REAL, seconds)


def cancel() -> None:
    if _in_main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)


def init_app(app: Flask) -> None:
    @app.before_request
    def _start_deadline():
        start(current_app.config.get("REQUEST_TIMEOUT") or 0)

    @app.teardown_request
    def _cancel_deadline(_error=None):
        cancel()
