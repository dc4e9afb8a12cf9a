"""Serving the app from a thread on 127.0.0.1 for the browser tests, on its own SQLite file."""

import threading
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"


def live_config(database: Path, **overrides) -> type:
    """Development settings on the given SQLite file, rate limits off, no secure cookies."""
    from config import DevelopmentConfig

    settings = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "SECRET_KEY": "browser-tests",
        "SESSION_COOKIE_SECURE": False,
        "RATELIMIT_ENABLED": False,
        "DEBUG": False,
        "MESSAGE_QUEUE_URL": "memory://",  # never the development queue file in instance/
        **overrides,
    }
    return type("LiveServerConfig", (DevelopmentConfig,), settings)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


@contextmanager
def serving(app):
    """Serve the app on a free port until the block ends; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        from mentoring.extensions import db

        with app.app_context():
            for engine in db.engines.values():
                engine.dispose()
