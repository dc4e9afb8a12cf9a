"""gunicorn settings for production: `make serve` or `gunicorn -c gunicorn.conf.py app:app`.

Everything comes from the same environment as config.py. The defaults assume the setup of the
README ("Betrieb"): nginx on the same host terminates TLS and forwards to 127.0.0.1:$PORT.
"""

import multiprocessing
import os

from gunicorn.glogging import Logger

from mentoring.logs import redact_path


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


# Loopback by default: plain HTTP must not be reachable from the network, TLS ends at the proxy
# on this host. In a container (the proxy elsewhere) set BIND=0.0.0.0:8000.
bind = os.environ.get("BIND") or f"127.0.0.1:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count())
worker_class = "sync"  # one request per process: the app's deadline (SIGALRM) needs that
# Load the app once in the master: a refused setting (SECRET_KEY) ends start-up with one line
# instead of every worker failing with a traceback; workers share the loaded code.
preload_app = True
# The app answers on its own after REQUEST_TIMEOUT seconds (a German 503 page, see
# mentoring/deadline.py); gunicorn's own kill comes well after that, as a last resort only.
timeout = max(_int("REQUEST_TIMEOUT", 30) + 30, 60)
graceful_timeout = 30
keepalive = 5
# Headers and body limits: a very long request line or header block is refused before Flask.
limit_request_line = 8190
limit_request_fields = 100
# No control socket in $HOME: systemd (deploy/) restarts and reloads the server.
control_socket_disable = True

# Forwarded headers: the app's ProxyFix believes exactly TRUSTED_PROXIES hops. gunicorn itself
# believes X-Forwarded-Proto only from the proxy's address, and from nobody without a proxy.
_trusted_proxies = _int("TRUSTED_PROXIES", 0)
forwarded_allow_ips = (
    os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1") if _trusted_proxies > 0 else ""
)

# Logs go to stderr (journald keeps them). The access log has the path WITHOUT the query string
# (staff searches carry names) and no Referer (it may hold a search URL); the request id links a
# line to the application's own lines of the same request.
accesslog = os.environ.get("ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
access_log_format = (
    '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s "%(a)s"'
)


class RedactingLogger(Logger):
    """gunicorn's logger, with the tokens of signed links cut out of the logged path."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = redact_path(atoms["U"])
        return atoms


logger_class = RedactingLogger


def post_fork(server, worker):
    """Each worker opens its own database connections (none inherited from the master)."""
    from mentoring.extensions import db

    app = server.app.wsgi()
    with app.app_context():
        db.engine.dispose(close=False)
