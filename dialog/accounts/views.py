"""Staff login, logout and interface language."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from dialog import i18n
from dialog.accounts.forms import LoginForm
from dialog.accounts.services import authenticate, normalise_email
from dialog.audit import audit
from dialog.auth import current_user, log_in, log_out
from dialog.db import db
from dialog.ratelimit import Rate, limiter

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
        email = normalise_email(form.email.data or "")
        if login_throttled(email):
            audit("login.throttled", details={"email": email[:254]}, commit_now=True)
            error = gettext(
                "Too many failed attempts to log in. Wait 15 minutes and try again, or ask "
                "an administrator to help you."
            )
            return render_template("staff/login.html", form=form, error=error), 429
        user = authenticate(db.session, email, form.password.data or "")
        if user is not None:
            limiter().reset("login-account", limiter().hashed(email))
            log_in(user)
            audit("login.success", user, actor=user)
            return redirect(_safe_next(request.args.get("next")))
        record_login_failure(email)
        audit("login.failure", details={"email": email[:254]}, commit_now=True)
        error = gettext("The e-mail address or the password is wrong.")
    return render_template("staff/login.html", form=form, error=error), status


def _login_rates() -> tuple[Rate, Rate]:
    settings = current_app.config["SETTINGS"]
    return Rate.parse(settings.login_rate_per_account), Rate.parse(settings.login_rate_per_client)


def login_throttled(email: str) -> bool:
    """Whether this account or this client has failed to log in too often lately."""
    per_account, per_client = _login_rates()
    return limiter().exceeded("login-account", limiter().hashed(email), per_account) or (
        limiter().exceeded("login-client", limiter().client_key(), per_client)
    )


def record_login_failure(email: str) -> None:
    per_account, per_client = _login_rates()
    limiter().hit("login-account", limiter().hashed(email), per_account)
    limiter().hit("login-client", limiter().client_key(), per_client)


@bp.post("/logout")
def logout() -> Response:
    user = current_user()
    if user is not None:
        audit("logout", user, actor=user)
    log_out()
    return redirect(url_for("accounts.login"))


@bp.post("/language")
def language() -> Response:
    code = request.form.get("lang", "")
    if code in i18n.LANGUAGES:
        session["lang"] = code
    return redirect(_safe_next(request.form.get("next")))
