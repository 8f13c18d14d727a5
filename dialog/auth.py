"""Who is logged in, and the rule that every staff page needs a login unless listed here."""

from __future__ import annotations

import time

from flask import abort, current_app, g, redirect, request, session, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from dialog.accounts.models import User
from dialog.db import db

# Staff endpoints that work without a login; everything else under /staff/ is denied.
PUBLIC_STAFF_ENDPOINTS = frozenset({"accounts.login", "accounts.language"})


def current_user() -> User | None:
    if "user" not in g:
        user_id = session.get("user_id")
        found = db.session.get(User, user_id) if isinstance(user_id, int) else None
        g.user = found if found is not None and found.is_active else None
    user: User | None = g.user
    return user


def staff_user() -> User:
    """The logged-in user, for staff views (the staff guard already refused anonymous ones)."""
    user = current_user()
    if user is None:
        abort(403)
    return user


def log_in(user: User) -> None:
    session.clear()
    session.permanent = True
    now = int(time.time())
    session.update(user_id=user.id, login_at=now, seen_at=now)
    g.user = user


def log_out() -> None:
    session.clear()
    g.user = None


def _session_expired() -> bool:
    settings = current_app.config["SETTINGS"]
    now = int(time.time())
    login_at = int(session.get("login_at", 0))
    seen_at = int(session.get("seen_at", 0))
    return (
        now - seen_at > settings.session_idle_minutes * 60
        or now - login_at > settings.session_max_hours * 3600
    )


def guard_staff() -> WerkzeugResponse | None:
    """before_request: deny anything under /staff/ to anyone not logged in."""
    if not request.path.startswith("/staff/") or request.endpoint in PUBLIC_STAFF_ENDPOINTS:
        return None
    if session.get("user_id") and _session_expired():
        log_out()
    if current_user() is None:
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    session["seen_at"] = int(time.time())
    return None
