"""Extension objects, bound to the app in create_app()."""

from flask import current_app, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()


def _client_address() -> str:
    return request.remote_addr or "unknown"


# Memory storage by default; Redis (or any limits backend) via RATELIMIT_STORAGE_URI.
limiter = Limiter(key_func=_client_address, default_limits=[])

# Submitting any public form counts against one budget per client address (the real address
# behind TRUSTED_PROXIES proxies); showing a form costs nothing.
public_form_limit = limiter.shared_limit(
    lambda: current_app.config["PUBLIC_FORM_LIMIT"], scope="public-forms", methods=["POST"]
)
