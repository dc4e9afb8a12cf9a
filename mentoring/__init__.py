"""The Herne intergenerational mentoring application.

Flask and the extensions are imported inside the functions below, not at module level, so that
`python -m mentoring.matching` (the pure engine's command line) starts without loading them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(config_object=None) -> Flask:
    """Build the app; reads like a table of contents."""
    from flask import Flask

    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    if config_object is None:
        config_object = (
            "config.DevelopmentConfig"
            if os.environ.get("FLASK_DEBUG") == "1" or not os.environ.get("DATABASE_URL")
            else "config.Config"
        )
    app.config.from_object(config_object)
    os.makedirs(app.instance_path, exist_ok=True)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from mentoring import i18n, models, templating  # noqa: F401  (models register their tables)
    from mentoring.auth import loader  # noqa: F401  (registers the user loader)
    from mentoring.database import enable_sqlite_pragmas
    from mentoring.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
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


def register_blueprints(app: Flask) -> None:
    from mentoring.auth.views import bp as auth_bp
    from mentoring.dashboard import bp as dashboard_bp
    from mentoring.intake import bp as intake_bp
    from mentoring.privacy import bp as privacy_bp
    from mentoring.proposals import bp as proposals_bp
    from mentoring.public.views import bp as public_bp
    from mentoring.public.withdrawal import bp as withdrawal_bp
    from mentoring.reports import bp as reports_bp
    from mentoring.signup.views import bp as signup_bp
    from mentoring.tandems import bp as tandems_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(signup_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(intake_bp)
    app.register_blueprint(proposals_bp)
    app.register_blueprint(tandems_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(withdrawal_bp)
    app.register_blueprint(reports_bp)


def register_errorhandlers(app: Flask) -> None:
    from mentoring import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    from mentoring import commands

    commands.init_app(app)
