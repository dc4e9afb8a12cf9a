"""Configuration from the environment.

`Config` is production: what `app:app` gets unless MENTORING_ENV=development asks for
`DevelopmentConfig`. Production refuses to start without a real SECRET_KEY and DATABASE_URL
(mentoring/startup.py); every other setting has a safe default or a warning at start-up.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def _sqlite_default() -> str:
    return f"sqlite:///{BASE_DIR / 'instance' / 'mentoring.sqlite'}"


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


# Keys that were ever published (this file, tests, README): production refuses them.
DEVELOPMENT_SECRET_KEYS = frozenset(
    {"dev-only-secret-change-me", "test-secret", "browser-tests", "change-me", "secret"}
)


class Config:
    MENTORING_ENV = "production"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    # mentoring/database.py adds hide_parameters and, on PostgreSQL, the timeouts below.
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    DB_CONNECT_TIMEOUT = _int("DB_CONNECT_TIMEOUT", 5)  # seconds
    DB_STATEMENT_TIMEOUT = _int("DB_STATEMENT_TIMEOUT", 15)  # seconds, enforced by PostgreSQL
    # The application's own deadline per request (seconds, 0 = none): a German 503 page instead
    # of gunicorn killing the worker; gunicorn.conf.py sets its worker timeout well above it.
    REQUEST_TIMEOUT = _int("REQUEST_TIMEOUT", 30)
    # Links handed out to people (consent withdrawal) start with this, never with the Host header.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/") or None
    # Reverse proxies in front of the app whose X-Forwarded-* headers are believed (0 = none).
    TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)
    # Shared state of all workers (rate limits); unset: in-process memory, with a warning.
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # Request size: Werkzeug answers 413 (a German page) before reading a larger body. The CSV
    # import raises the limit for its own two pages (mentoring/dashboard/import_views.py).
    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 1024 * 1024)  # bytes of one request
    MAX_FORM_MEMORY_SIZE = 100_000  # bytes of one form field (the longest text has 2,000 chars)
    MAX_FORM_PARTS = 1000  # fields of one multipart form
    WTF_CSRF_TIME_LIMIT = None  # no time pressure: older users may take long over a form
    BABEL_DEFAULT_LOCALE = "de"
    BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")
    # The mentee side speaks these; the staff dashboard stays German.
    LANGUAGES = ("de", "en", "ar", "uk", "tr")
    RTL_LANGUAGES = ("ar",)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "1") == "1"
    RATELIMIT_STORAGE_URI = REDIS_URL or os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # Redis gone for a moment: count in memory rather than failing every request.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = False
    # Login throttling counts failed attempts in the rate-limit storage (shared between workers).
    # Per address: beyond this many failures the address is refused until the window passes.
    LOGIN_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "20 per 10 minutes")
    # Per account: beyond this many failures each further one makes the next attempt wait longer
    # (2, 4, 8 … seconds, at most LOGIN_DELAY_MAX_SECONDS); while waiting, only password and
    # second factor together are checked, so the rightful owner always gets in.
    LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
    LOGIN_DELAY_MAX_SECONDS = int(os.environ.get("LOGIN_DELAY_MAX_SECONDS", "60"))
    STAFF_IDLE_MINUTES = int(os.environ.get("STAFF_IDLE_MINUTES", "30"))
    # Public forms (sign-ups, feedback, withdrawal) per client address, all forms together:
    # generous, so a school class or a family signing up from one network still gets through.
    PUBLIC_FORM_LIMIT = os.environ.get("PUBLIC_FORM_LIMIT", "200 per hour")
    # A staff session ends this many hours after login, however active it is.
    STAFF_SESSION_HOURS = int(os.environ.get("STAFF_SESSION_HOURS", "10"))
    # Second factor (TOTP, RFC 6238) for every staff account; enrolled at first login.
    STAFF_REQUIRE_2FA = os.environ.get("STAFF_REQUIRE_2FA", "1") == "1"
    TOTP_ISSUER = os.environ.get("TOTP_ISSUER", "Stadt Herne Mentoring")
    # One-time links to set a password, handed over by an admin.
    SET_PASSWORD_LINK_HOURS = int(os.environ.get("SET_PASSWORD_LINK_HOURS", "24"))
    # The staff area stays German whatever the visitor's language.
    GERMAN_ONLY_BLUEPRINTS = (
        "auth",
        "dashboard",
        "intake",
        "proposals",
        "tandems",
        "admin",
        "reports",
        "privacy",
        "outbox",
    )
    # §72a SGB VIII police certificates (local rules).
    POLICE_CHECK_VALID_YEARS = int(os.environ.get("POLICE_CHECK_VALID_YEARS", "5"))
    POLICE_CHECK_WARN_WEEKS = int(os.environ.get("POLICE_CHECK_WARN_WEEKS", "8"))
    # Proposals without a decision for this many days are highlighted as stale.
    STALE_PROPOSAL_DAYS = int(os.environ.get("STALE_PROPOSAL_DAYS", "14"))
    # Version of the privacy notice a consent refers to; bump it whenever the text changes.
    PRIVACY_TEXT_VERSION = os.environ.get("PRIVACY_TEXT_VERSION", "2026-11-01")
    # Deletion periods (DSGVO Art. 5, §72a SGB VIII), applied daily by `flask privacy purge`.
    PURGE_UNPROCESSED_SIGNUP_MONTHS = int(os.environ.get("PURGE_UNPROCESSED_SIGNUP_MONTHS", "12"))
    PURGE_POLICE_CHECK_AFTER_END_MONTHS = int(
        os.environ.get("PURGE_POLICE_CHECK_AFTER_END_MONTHS", "3")
    )
    PURGE_TANDEM_NOTES_MONTHS = int(os.environ.get("PURGE_TANDEM_NOTES_MONTHS", "24"))
    PRIVACY_WITHDRAWN_GRACE_DAYS = int(os.environ.get("PRIVACY_WITHDRAWN_GRACE_DAYS", "30"))
    PRIVACY_WITHDRAWAL_LINK_DAYS = int(os.environ.get("PRIVACY_WITHDRAWAL_LINK_DAYS", "365"))
    # Messages (mentoring/messages): SMTP with the Flask-Mail names. Without MAIL_SERVER nothing
    # is sent; messages wait in the "Postausgang" (development) until a server is configured.
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = _int("MAIL_PORT", 25)
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "0") == "1"  # STARTTLS
    MAIL_USE_SSL = os.environ.get("MAIL_USE_SSL", "0") == "1"  # TLS from the start (port 465)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get(
        "MAIL_DEFAULT_SENDER", "Stadt Herne – Generationen verbinden <mentoring@herne.de>"
    )
    MAIL_TIMEOUT = _int("MAIL_TIMEOUT", 30)  # seconds per SMTP step
    # The delivery queue (huey): redis://… in production (REDIS_URL by default), sqlite:///…
    # for one machine, memory:// in tests. See mentoring/messages/worker.py.
    MESSAGE_QUEUE_URL = (
        os.environ.get("MESSAGE_QUEUE_URL")
        or REDIS_URL
        or (f"sqlite:///{BASE_DIR / 'instance' / 'queue.sqlite'}")
    )
    # Start the delivery worker as a thread of this process (`make run`: no second process).
    MESSAGE_WORKER_EMBEDDED = os.environ.get("MESSAGE_WORKER_EMBEDDED", "0") == "1"
    # Temporary failures: first retry after this many seconds, doubling up to 2 h, for 24 h.
    MESSAGE_RETRY_FIRST_SECONDS = _int("MESSAGE_RETRY_FIRST_SECONDS", 20)
    MESSAGE_RETRY_MAX_SECONDS = _int("MESSAGE_RETRY_MAX_SECONDS", 7200)
    MESSAGE_RETRY_HOURS = _int("MESSAGE_RETRY_HOURS", 24)
    # Subjects, bodies and attachments of messages are deleted this many days after sending.
    MESSAGE_BODY_RETENTION_DAYS = _int("MESSAGE_BODY_RETENTION_DAYS", 180)
    EMAIL_CONFIRMATION_LINK_DAYS = _int("EMAIL_CONFIRMATION_LINK_DAYS", 30)
    # How long a volunteer's answer link to a proposal ("Anfrage senden") stays valid.
    PROPOSAL_ANSWER_LINK_DAYS = _int("PROPOSAL_ANSWER_LINK_DAYS", 30)
    # "Mein Engagement" / "Meine Anfrage": how long a self-service link works.
    SELF_SERVICE_LINK_DAYS = _int("SELF_SERVICE_LINK_DAYS", 30)
    # Scheduled reminders (mentoring/messages/reminders.py): the coordinators' daily digest goes
    # out at this hour (UTC, on huey's periodic tasks), the §72a reminder POLICE_CHECK_WARN_WEEKS
    # before re-inspection; the feedback link after a tandem ends stays valid this many days.
    DIGEST_HOUR = _int("DIGEST_HOUR", 5)
    FEEDBACK_LINK_DAYS = _int("FEEDBACK_LINK_DAYS", 60)
    # Operator details for Impressum and privacy notice: defaults describe the City of Herne.
    OPERATOR_NAME = os.environ.get("OPERATOR_NAME", "Stadt Herne")
    OPERATOR_UNIT = os.environ.get(
        "OPERATOR_UNIT", "Fachbereich Soziales (FB 41) – Koordination Generationen-Mentoring"
    )
    OPERATOR_STREET = os.environ.get("OPERATOR_STREET", "Friedrich-Ebert-Platz 2")
    OPERATOR_CITY = os.environ.get("OPERATOR_CITY", "44623 Herne")
    OPERATOR_PHONE = os.environ.get("OPERATOR_PHONE", "02323 16-0")
    OPERATOR_EMAIL = os.environ.get("OPERATOR_EMAIL", "mentoring@herne.de")
    OPERATOR_REPRESENTATIVE = os.environ.get("OPERATOR_REPRESENTATIVE", "den Oberbürgermeister")
    DPO_CONTACT = os.environ.get(
        "DPO_CONTACT", "Datenschutzbeauftragte der Stadt Herne, datenschutz@herne.de"
    )
    SUPERVISORY_AUTHORITY = os.environ.get(
        "SUPERVISORY_AUTHORITY",
        "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen, "
        "Kavalleriestraße 2–4, 40213 Düsseldorf",
    )
    ACCESSIBILITY_ENFORCEMENT_BODY = os.environ.get(
        "ACCESSIBILITY_ENFORCEMENT_BODY",
        "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen "
        "bei der Landesbeauftragten für Menschen mit Behinderung, Fürstenwall 25, 40219 Düsseldorf",
    )
    # Legal pages can be replaced by a city's own templates without touching code.
    LEGAL_TEMPLATE_DIR = os.environ.get("LEGAL_TEMPLATE_DIR")


class DevelopmentConfig(Config):
    MENTORING_ENV = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-secret-change-me"
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or _sqlite_default()
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    # The demo account logs in with its password alone; set STAFF_REQUIRE_2FA=1 to try TOTP.
    STAFF_REQUIRE_2FA = os.environ.get("STAFF_REQUIRE_2FA", "0") == "1"
    PUBLIC_BASE_URL = Config.PUBLIC_BASE_URL or "http://127.0.0.1:5000"
    # One machine, no Redis needed: the queue lives in a SQLite file beside the database.
    MESSAGE_QUEUE_URL = os.environ.get("MESSAGE_QUEUE_URL") or (
        f"sqlite:///{BASE_DIR / 'instance' / 'queue.sqlite'}"
    )


class TestConfig(Config):
    MENTORING_ENV = "test"
    TESTING = True
    SECRET_KEY = "test-secret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    SESSION_COOKIE_SECURE = False
    STAFF_REQUIRE_2FA = False  # tests that need it switch it on
    # Explicit: Flask-Limiter keeps the previous app's setting otherwise (the browser tests'
    # live server switches it off).
    RATELIMIT_ENABLED = True
    PUBLIC_BASE_URL = "https://mentoring.example.org"
    MAIL_SERVER = None  # tests that deliver start their own SMTP server
    MESSAGE_QUEUE_URL = "memory://"
    MESSAGE_WORKER_EMBEDDED = False
    TRUSTED_PROXIES = 0
    REDIS_URL = None
    RATELIMIT_STORAGE_URI = "memory://"
    PUBLIC_FORM_LIMIT = "100000 per hour"  # the fuzz test posts thousands; a test lowers it
