"""Configuration from the environment, with safe development defaults."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def _sqlite_default() -> str:
    return f"sqlite:///{BASE_DIR / 'instance' / 'mentoring.sqlite'}"


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-change-me")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or _sqlite_default()
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
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
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = False
    # Login throttling: per address and per account; windows expire, nobody is locked out for good.
    LOGIN_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "20 per 10 minutes")
    LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 5 minutes")
    STAFF_IDLE_MINUTES = int(os.environ.get("STAFF_IDLE_MINUTES", "30"))
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
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    SESSION_COOKIE_SECURE = False
