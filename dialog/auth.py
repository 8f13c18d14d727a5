"""Who is logged in, and the rule that every staff page needs a login unless listed here."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, g, redirect, request, session, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from dialog.accounts.models import User
from dialog.accounts.services.sessions import Lifetime, end_session, find_session, start_session
from dialog.db import db

# Staff endpoints that work without a login; everything else under /staff/ is denied.
PUBLIC_STAFF_ENDPOINTS = frozenset({"accounts.login", "accounts.language"})


def _lifetime() -> Lifetime:
    settings = current_app.config["SETTINGS"]
    return Lifetime(idle=timedelta(minutes=settings.session_idle_minutes),
                    total=timedelta(hours=settings.session_max_hours))


def current_user() -> User | None:
    """The user of this request's live server-side session, or None."""
    if "user" not in g:
        token = session.get("sid")
        found = find_session(db.session, token, _lifetime()) if isinstance(token, str) else None
        g.user = found.user if found is not None else None
        if found is None and token is not None:
            session.pop("sid", None)
    user: User | None = g.user
    return user


def staff_user() -> User:
    """The logged-in user, for staff views (the staff guard already refused anonymous ones)."""
    user = current_user()
    if user is None:
        abort(403)
    return user


def log_in(user: User) -> None:
    """Start a new server-side session (a fresh cookie: nothing from before the login is kept)."""
    session.clear()
    session.permanent = True
    session["sid"] = start_session(db.session, user, _lifetime())
    g.user = user


def log_out() -> None:
    """End this session on the server too, so a copy of the cookie no longer works."""
    token = session.get("sid")
    if isinstance(token, str):
        end_session(db.session, token)
    session.clear()
    g.user = None


def guard_staff() -> WerkzeugResponse | None:
    """before_request: deny anything under /staff/ to anyone not logged in."""
    if not request.path.startswith("/staff/") or request.endpoint in PUBLIC_STAFF_ENDPOINTS:
        return None
    if current_user() is None:
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    return None
