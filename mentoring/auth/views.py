"""Staff login (password, then second factor), logout, idle timeout and passwords."""

from datetime import UTC, datetime

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from mentoring import totp
from mentoring.auth import throttle
from mentoring.auth.forms import ChangePasswordForm, CodeForm, EnrolForm, LoginForm, SetPasswordForm
from mentoring.auth.redirects import safe_next
from mentoring.extensions import db, login_manager
from mentoring.models import StaffUser
from mentoring.operations import OperationError
from mentoring.operations.auth import authenticate
from mentoring.operations.sessions import end_session, start_session
from mentoring.operations.staff import (
    WrongPassword,
    change_own_password,
    link_is_valid,
    set_password_with_link,
)
from mentoring.operations.two_factor import (
    check_second_factor,
    confirm_enrolment,
    pending_secret,
)

bp = Blueprint("auth", __name__, url_prefix="/mitarbeitende")

PENDING = "login_pending"  # password accepted, second factor outstanding: not logged in yet
PENDING_SECONDS = 10 * 60


@bp.route("/anmelden", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    if throttle.address_blocked():
        abort(429)
    email = form.email.data.strip().lower()
    if throttle.wait_seconds(throttle.PASSWORD, email):
        return _login_with_both_factors(form, email)
    user = authenticate(email=email, password=form.password.data)
    if user is None:
        throttle.record_failure(throttle.PASSWORD, email)
        form.password.errors.append(_("E-Mail-Adresse oder Passwort stimmen nicht."))
        return render_template("auth/login.html", form=form)
    return _after_password(user)


def _after_password(user: StaffUser):
    """Log in at once, or hold the login until the second factor is given or set up."""
    target = safe_next(request.args.get("next"))
    session.clear()  # a fresh session on login: no fixation
    if not user.totp_enabled and not current_app.config["STAFF_REQUIRE_2FA"]:
        return _complete_login(user, target)
    stage = "code" if user.totp_enabled else "enrol"
    session[PENDING] = {"id": user.id, "at": _now(), "stage": stage, "next": target}
    return redirect(url_for("auth.second_factor" if stage == "code" else "auth.enrol"))


def _login_with_both_factors(form: LoginForm, email: str):
    """While the account is throttled, only password and second factor together count."""
    wait = throttle.wait_seconds(throttle.PASSWORD, email)
    account_uses_codes = current_app.config["STAFF_REQUIRE_2FA"] or _has_second_factor(email)
    if not account_uses_codes:
        message = _("Zu viele Versuche. Bitte warten Sie noch %(seconds)s Sekunden.", seconds=wait)
        form.password.errors.append(message)
        return render_template("auth/login.html", form=form, ask_code=False), 429
    if not form.code.data:
        form.code.errors.append(
            _(
                "Nach mehreren Fehlversuchen brauchen wir zusammen mit dem Passwort den Code "
                "aus Ihrer Authenticator-App."
            )
        )
        return render_template("auth/login.html", form=form, ask_code=True)
    user = authenticate(email=email, password=form.password.data)
    if user is None:
        throttle.record_failure(throttle.PASSWORD, email)
    elif user.totp_enabled and check_second_factor(staff=user, code=form.code.data):
        session.clear()
        return _complete_login(user, safe_next(request.args.get("next")))
    else:
        throttle.record_failure(throttle.CODE, email)
    form.code.errors.append(_("E-Mail-Adresse, Passwort oder Code stimmen nicht."))
    return render_template("auth/login.html", form=form, ask_code=True)


@bp.route("/anmelden/code", methods=["GET", "POST"])
def second_factor():
    user = _pending_user("code")
    if user is None:
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        if throttle.address_blocked():
            abort(429)
        wait = throttle.wait_seconds(throttle.CODE, user.email)
        if wait:
            message = _(
                "Zu viele falsche Codes. Bitte warten Sie noch %(seconds)s Sekunden.", seconds=wait
            )
            form.code.errors.append(message)
        elif check_second_factor(staff=user, code=form.code.data):
            return _complete_login(user, session.pop(PENDING)["next"])
        else:
            throttle.record_failure(throttle.CODE, user.email)
            form.code.errors.append(_("Der Code stimmt nicht."))
    return render_template("auth/second_factor.html", form=form)


@bp.route("/zwei-faktor/einrichten", methods=["GET", "POST"])
def enrol():
    """First login with a second factor required: scan or type the secret, confirm a code."""
    user = _pending_user("enrol")
    if user is None:
        return redirect(url_for("auth.login"))
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            codes = confirm_enrolment(staff=user, code=form.code.data)
        except OperationError as error:
            form.code.errors.append(str(error))
        else:
            target = session.pop(PENDING)["next"]
            _complete_login(user, target)  # a fresh session now that both factors are proven
            return render_template(
                "auth/recovery_codes.html", codes=codes, target=target or url_for("dashboard.index")
            )
    secret = pending_secret(staff=user)
    uri = totp.provisioning_uri(secret, user.email)
    return render_template(
        "auth/enrol.html",
        form=form,
        qr=totp.qr_svg(uri, _("QR-Code für die Authenticator-App")),
        secret=totp.grouped(secret),
        account=user.email,
        issuer=current_app.config["TOTP_ISSUER"],
    )


@bp.route("/abmelden", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        end_session(staff=current_user, token=current_user.get_id())
    logout_user()
    session.clear()
    flash(_("Sie sind abgemeldet."))
    return redirect(url_for("auth.login"))


@bp.route("/passwort", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            token = change_own_password(
                staff=current_user,
                current_password=form.current_password.data,
                new_password=form.new_password.data,
                user_agent=request.user_agent.string,
            )
        except WrongPassword as error:
            form.current_password.errors.append(str(error))
        except OperationError as error:
            form.new_password.errors.append(str(error))
        else:
            _keep_logged_in(token)
            flash(_("Ihr Passwort ist geändert. Alle anderen Sitzungen sind beendet."))
            return redirect(url_for("dashboard.index"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/passwort-setzen/<token>", methods=["GET", "POST"])
def set_password(token: str):
    if not link_is_valid(token):
        return render_template("auth/set_password_invalid.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            set_password_with_link(token=token, password=form.new_password.data)
        except OperationError as error:
            form.new_password.errors.append(str(error))
        else:
            flash(_("Ihr Passwort ist gesetzt. Bitte melden Sie sich an."))
            return redirect(url_for("auth.login"))
    return render_template("auth/set_password.html", form=form)


def _complete_login(user: StaffUser, target: str | None):
    """Both factors proven (or none required): open a fresh server-side session."""
    session.clear()
    start_session(staff=user, user_agent=request.user_agent.string)
    throttle.clear(user.email)
    _keep_logged_in(user.session_token, user)
    return redirect(target or url_for("dashboard.index"))


def _keep_logged_in(token: str, user: StaffUser | None = None) -> None:
    """Put the (new) session id into the cookie."""
    user = user or current_user._get_current_object()
    user.session_token = token
    login_user(user)
    session["last_active"] = _now()


def _pending_user(stage: str) -> StaffUser | None:
    pending = session.get(PENDING)
    if not pending or pending.get("stage") != stage or _now() - pending["at"] > PENDING_SECONDS:
        return None
    user = db.session.get(StaffUser, pending["id"])
    return user if user is not None and user.active else None


def _has_second_factor(email: str) -> bool:
    user = db.session.scalar(db.select(StaffUser).where(StaffUser.email == email))
    return bool(user and user.totp_enabled)


def _now() -> float:
    return datetime.now(UTC).timestamp()


@bp.before_app_request
def _end_idle_sessions():
    """Staff sessions end after STAFF_IDLE_MINUTES without a request, and when the server
    has ended them (logout elsewhere, password change, deactivation, lifetime)."""
    if not current_user.is_authenticated:
        if "_user_id" in session:
            session.clear()
            return _back_to_login(_("Ihre Sitzung ist beendet. Bitte melden Sie sich neu an."))
        return None
    now = _now()
    last = session.get("last_active", 0)
    if now - last > current_app.config["STAFF_IDLE_MINUTES"] * 60:
        end_session(staff=current_user, token=current_user.get_id())
        logout_user()
        session.clear()
        return _back_to_login(
            _(
                "Sie wurden nach längerer Zeit ohne Aktivität abgemeldet. "
                "Bitte melden Sie sich neu an."
            )
        )
    session["last_active"] = now
    return None


def _back_to_login(message: str):
    flash(message)
    return redirect(url_for("auth.login", next=request.path if request.method == "GET" else None))


login_manager.login_view = "auth.login"
login_manager.login_message = None  # the login page itself says what to do
