"""The application factory: create_app() and the steps it takes."""

from __future__ import annotations

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from mentoring import (
    commands,
    deadline,
    errors,
    i18n,
    input_limits,
    logs,
    models,  # noqa: F401  (models register their tables)
    security_headers,
    startup,
    templating,
)
from mentoring.admin import bp as admin_bp
from mentoring.auth import loader  # noqa: F401  (registers the user loader)
from mentoring.auth.views import bp as auth_bp
from mentoring.dashboard import bp as dashboard_bp
from mentoring.database import (
    close_sessions_safely,
    configure_engine_options,
    enable_sqlite_pragmas,
)
from mentoring.extensions import babel, csrf, db, limiter, login_manager, migrate
from mentoring.intake import bp as intake_bp
from mentoring.messages import worker
from mentoring.outbox import bp as outbox_bp
from mentoring.privacy import bp as privacy_bp
from mentoring.proposals import bp as proposals_bp
from mentoring.public.email_confirmation import bp as email_confirmation_bp
from mentoring.public.proposal_answer import bp as proposal_answer_bp
from mentoring.public.self_service import bp as self_service_bp
from mentoring.public.tandem_feedback import bp as tandem_feedback_bp
from mentoring.public.views import bp as public_bp
from mentoring.public.withdrawal import bp as withdrawal_bp
from mentoring.reports import bp as reports_bp
from mentoring.signup.views import bp as signup_bp
from mentoring.tandems import bp as tandems_bp


def create_app(config_object=None) -> Flask:
    """Build the app; reads like a table of contents."""
    app = Flask(
        "mentoring",  # the package, not this module: root path, instance folder and logger name
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    app.config.from_object(config_object or startup.config_for_environment())
    logs.init_app(app)
    startup.check_settings(app)  # production refuses a missing or public SECRET_KEY here
    os.makedirs(app.instance_path, exist_ok=True)
    register_middleware(app)
    input_limits.init_app(app)  # before the blueprints: their routes use the id converter
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_middleware(app: Flask) -> None:
    """Believe X-Forwarded-* from exactly TRUSTED_PROXIES proxies (0: from nobody)."""
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
    deadline.init_app(app)
    security_headers.init_app(app)


def register_extensions(app: Flask) -> None:
    configure_engine_options(app)
    db.init_app(app)
    close_sessions_safely(app, db)
    migrate.init_app(
        app,
        db,
        directory=os.path.join(app.root_path, "..", "migrations"),
        render_as_batch=True,  # SQLite needs batch mode to alter tables
        compare_type=True,
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    with app.app_context():
        enable_sqlite_pragmas(db.engine)
    worker.init_app(app)  # the delivery queue of the outbox (mentoring/messages)


def register_blueprints(app: Flask) -> None:
    app.register_blueprint(public_bp)
    app.register_blueprint(signup_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(intake_bp)
    app.register_blueprint(proposals_bp)
    app.register_blueprint(tandems_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(withdrawal_bp)
    app.register_blueprint(email_confirmation_bp)
    app.register_blueprint(proposal_answer_bp)
    app.register_blueprint(self_service_bp)
    app.register_blueprint(tandem_feedback_bp)
    app.register_blueprint(outbox_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(admin_bp)


def register_errorhandlers(app: Flask) -> None:
    errors.init_app(app)


def register_commands(app: Flask) -> None:
    commands.init_app(app)
