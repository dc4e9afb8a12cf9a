"""Staff login and logout."""

from datetime import UTC, datetime

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from mentoring.auth.forms import LoginForm
from mentoring.extensions import limiter, login_manager
from mentoring.operations.auth import authenticate

bp = Blueprint("auth", __name__, url_prefix="/mitarbeitende")


def _account_key() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()


def _post_only() -> bool:
    return request.method != "POST"


@bp.route("/anmelden", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], exempt_when=_post_only)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_account_key,
    exempt_when=_post_only,
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(email=form.email.data, password=form.password.data)
        if user is not None:
            session.clear()  # a fresh session on login: no fixation
            login_user(user)
            session["last_active"] = datetime.now(UTC).timestamp()
            return redirect(_safe_next() or url_for("dashboard.index"))
        form.password.errors.append(_("E-Mail-Adresse oder Passwort stimmen nicht."))
    return render_template("auth/login.html", form=form)


@bp.route("/abmelden", methods=["POST"])
def logout():
    logout_user()
    session.clear()
    flash(_("Sie sind abgemeldet."))
    return redirect(url_for("auth.login"))


def _safe_next() -> str | None:
    target = request.args.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else None


@bp.before_app_request
def _end_idle_sessions():
    """Staff sessions end after STAFF_IDLE_MINUTES without a request."""
    if not current_user.is_authenticated:
        return None
    now = datetime.now(UTC).timestamp()
    last = session.get("last_active", 0)
    if now - last > current_app.config["STAFF_IDLE_MINUTES"] * 60:
        logout_user()
        session.clear()
        flash(
            _(
                "Sie wurden nach längerer Zeit ohne Aktivität abgemeldet. "
                "Bitte melden Sie sich neu an."
            )
        )
        return redirect(
            url_for("auth.login", next=request.path if request.method == "GET" else None)
        )
    session["last_active"] = now
    return None


login_manager.login_view = "auth.login"
login_manager.login_message = None  # the login page itself says what to do
