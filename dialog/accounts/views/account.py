"""Staff login, logout and interface language."""

from __future__ import annotations

from urllib.parse import urlsplit

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
from flask_babel import gettext
from werkzeug.wrappers import Response

from dialog import i18n
from dialog.accounts.forms import LoginForm, PasswordForm
from dialog.accounts.services.login import DEVICE_DAYS, Refusal, attempt_login, device_cookie_name
from dialog.accounts.services.users import AccountError, change_password
from dialog.auth import current_user, log_in, log_out
from dialog.db import db

bp = Blueprint("accounts", __name__, url_prefix="/staff")


def _safe_next(target: str | None) -> str:
    """Only follow a `next` that stays on this site."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("staff_dialogues.index")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int]:
    form = LoginForm()
    error = None
    status = 200 if request.method == "GET" else 422
    if form.validate_on_submit():
        attempt = attempt_login(form.email.data or "", form.password.data or "",
                                request.cookies.get(device_cookie_name()))
        if attempt.refused is Refusal.ACCOUNT:
            error = gettext(
                "There have been many failed attempts to log in to this account from other "
                "places. Log in from a computer where you have logged in before, or wait an "
                "hour and try again."
            )
            return render_template("staff/login.html", form=form, error=error), 429
        if attempt.refused is not None:
            error = gettext(
                "Too many failed attempts to log in. Wait 15 minutes and try again, or ask "
                "an administrator to help you."
            )
            return render_template("staff/login.html", form=form, error=error), 429
        if attempt.user is not None:
            log_in(attempt.user)
            response = redirect(_safe_next(request.args.get("next")))
            _remember_device(response, attempt.device_cookie)
            return response
        error = gettext("The e-mail address or the password is wrong.")
    return render_template("staff/login.html", form=form, error=error), status


def _remember_device(response: Response, value: str | None) -> None:
    if value:
        settings = current_app.config["SETTINGS"]
        response.set_cookie(device_cookie_name(), value, max_age=DEVICE_DAYS * 86400,
                            path="/", secure=settings.production, httponly=True,
                            samesite="Lax")


@bp.post("/logout")
def logout() -> Response:
    log_out()  # the session service writes the audit entry
    return redirect(url_for("accounts.login"))


@bp.route("/account/password", methods=["GET", "POST"])
def password() -> Response | tuple[str, int]:
    """A staff member changes their own password; every other session of theirs ends."""
    user = current_user()
    if user is None:  # the staff guard lets only logged-in users through
        abort(403)
    form = PasswordForm()
    if not form.validate_on_submit():
        return render_template("staff/password.html", form=form, error=None), (
            422 if request.method == "POST" else 200)
    try:
        change_password(db.session, user, form.current_password.data or "",
                        form.new_password.data or "")
    except AccountError as exc:
        messages = {
            "wrong_password": gettext("The current password is wrong."),
            "same_password": gettext("The new password must differ from the current one."),
        }
        error = messages.get(str(exc), gettext("Use at least 10 characters."))
        return render_template("staff/password.html", form=form, error=error), 422
    log_in(user)
    flash(gettext("Your password was changed. You have been logged out everywhere else."))
    return redirect(url_for("staff_dialogues.index"), code=303)


@bp.post("/language")
def language() -> Response:
    code = request.form.get("lang", "")
    if code in i18n.LANGUAGES:
        session["lang"] = code
    return redirect(_safe_next(request.form.get("next")))
