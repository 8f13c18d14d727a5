"""Administrators' pages: staff accounts (list, create, change role, deactivate), audit log."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from dialog.accounts.forms import NewUserForm
from dialog.accounts.models import Role, User
from dialog.accounts.services.users import (
    AccountError,
    change_role,
    create_account,
    list_users,
    set_active,
)
from dialog.audit import ACTIONS, recent_events
from dialog.auth import current_user, staff_user
from dialog.authz import Action, require
from dialog.db import db
from dialog.paging import parse_id
from surveys.questions import N_

bp = Blueprint("admin", __name__, url_prefix="/staff")

ROLE_LABELS = {
    Role.ADMIN: N_("Administrator"),
    # Translators: a staff role that may create and edit dialogues.
    Role.EDITOR: N_("Editor"),
    Role.ANALYST: N_("Analyst"),
    # Translators: a staff role that may only read.
    Role.VIEWER: N_("Viewer"),
}


def _account_message(code: str) -> str:
    messages = {
        "last_admin": gettext("There must always be at least one active administrator."),
        "self": gettext("You cannot change your own account here."),
    }
    return messages.get(code, gettext("Something went wrong."))


def _render_users(form: NewUserForm, status: int = 200, error: str | None = None
                  ) -> tuple[str, int]:
    form.role.choices = [SelectChoice(r.value, gettext(ROLE_LABELS[r])) for r in Role]
    return render_template("staff/users.html", users=list_users(db.session, staff_user()),
                           form=form, organisation=staff_user().organisation,
                           role_labels=ROLE_LABELS, roles=list(Role), error=error), status


@bp.get("/users")
def users() -> tuple[str, int]:
    require(current_user(), Action.MANAGE_USERS)
    form = NewUserForm()
    form.role.data = Role.VIEWER.value
    return _render_users(form)


@bp.post("/users")
def create() -> Response | tuple[str, int]:
    """A new account in the admin's own organisation."""
    require(current_user(), Action.MANAGE_USERS)
    form = NewUserForm()
    if not form.validate_on_submit():
        return _render_users(form, 422)
    try:
        user = create_account(db.session, form.email.data or "", form.password.data or "",
                              Role(form.role.data), actor=staff_user())
    except ValueError:
        return _render_users(form, 422, gettext(
            "An account with this e-mail address already exists, or the address is not valid."))
    flash(gettext("The account %(email)s was created.", email=user.email))
    return redirect(url_for(".users"), code=303)


def _load_other(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    require(current_user(), Action.MANAGE_USERS, user)
    return user


@bp.post("/users/<id:user_id>")
def update(user_id: int) -> Response:
    """Change a role, deactivate or reactivate: one form per account row."""
    user = _load_other(user_id)
    me = staff_user()
    action = request.form.get("action", "")
    try:
        if action == "role":
            role = request.form.get("role", "")
            if role not in {r.value for r in Role}:
                abort(400)
            change_role(db.session, user, Role(role), actor=me)
        elif action in {"deactivate", "activate"}:
            set_active(db.session, user, action == "activate", actor=me)
        else:
            abort(400)
    except AccountError as exc:
        flash(_account_message(str(exc)), "error")
    else:
        flash(gettext("The account %(email)s was changed.", email=user.email))
    return redirect(url_for(".users"), code=303)


@bp.get("/audit")
def audit_log() -> str:
    """The audit entries by users of the admin's own organisation, a page at a time."""
    require(current_user(), Action.VIEW_AUDIT)
    action = request.args.get("action", "")
    action = action if action in ACTIONS else ""
    page = recent_events(db.session, action, organisation_id=staff_user().organisation_id,
                         before=parse_id(request.args.get("before")),
                         after=parse_id(request.args.get("after")))
    return render_template("staff/audit.html", events=page.events, older=page.older,
                           newer=page.newer, actions=ACTIONS, chosen_action=action,
                           args={"action": action} if action else {})
