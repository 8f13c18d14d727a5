"""One audit trail, written by the services: a change made from the command line, a job or a
test leaves the same entry at /staff/audit as the same change made through a page."""

from __future__ import annotations

import ast
from collections.abc import Callable
from datetime import date
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dialog.accounts.models import Role, User
from dialog.accounts.services.users import change_role, create_account, set_active
from dialog.audit import AuditEvent
from dialog.authz import SYSTEM
from dialog.db import db
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus
from dialog.dialogues.services import editing, exports
from dialog.dialogues.services.editing import DialogueFields
from dialog.promises.models import Promise
from dialog.promises.services import promises
from tests.promises.conftest import POLICE_AREA

ROOT = Path(__file__).resolve().parents[2]


def _actions(app: Flask) -> list[tuple[str, str]]:
    with app.app_context():
        return [(e.action, e.actor_email) for e in db.session.scalars(
            select(AuditEvent).order_by(AuditEvent.id))]


def test_invitation_batch_from_the_command_line_is_in_the_audit_log(
        app: Flask, make_dialogue: Callable[..., str],
        login_as: Callable[..., FlaskClient]) -> None:
    slug = make_dialogue("butiker-norra", kind=DialogueKind.TARGETED)
    result = app.test_cli_runner().invoke(args=["invite-codes", slug, "--count", "12",
                                                "--batch", "butiksägare"])
    assert result.exit_code == 0, result.output
    assert [a for a, _who in _actions(app)].count("invitations.create") == 1  # not twice
    page = login_as(Role.ADMIN).get("/staff/audit?action=invitations.create")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert slug in html and "count: 12" in html and "butiksägare" in html


def test_promise_published_without_a_request_is_in_the_audit_log(
        app: Flask, make_promise: Callable[..., str],
        login_as: Callable[..., FlaskClient]) -> None:
    slug = make_promise("nattvandring", publish=False)
    with app.app_context():  # as the command line and jobs run: no request, no logged-in user
        promise = db.session.scalar(select(Promise).where(Promise.slug == slug))
        assert promise is not None
        for party in promise.parties():
            promises.approve_promise(db.session, promise, actor=SYSTEM, organisation=party)
        assert not promises.publish_promise(db.session, promise, actor=SYSTEM)
        promises.complete_promise(db.session, promise, actor=SYSTEM)
        db.session.commit()
    client = login_as(Role.ADMIN, organisation=POLICE_AREA)
    for action in ("promise.publish", "promise.complete", "promise.create",
                   "promise.activity.create"):
        html = client.get(f"/staff/audit?action={action}").get_data(as_text=True)
        assert slug in html, action


def test_system_changes_of_another_organisation_stay_out_of_its_audit_log(
        app: Flask, make_promise: Callable[..., str],
        login_as: Callable[..., FlaskClient]) -> None:
    slug = make_promise("annan-kommun", publish=True)
    client = login_as(Role.ADMIN, organisation="Lokalpolisområde Södra")
    html = client.get("/staff/audit?action=promise.publish").get_data(as_text=True)
    assert slug not in html


def test_every_service_that_changes_something_writes_its_entry(
        app: Flask, make_user: Callable[..., str], make_dialogue: Callable[..., str],
        make_promise: Callable[..., str]) -> None:
    admin_email = make_user("admin@polisen.example", role=Role.ADMIN)
    dialogue_slug = make_dialogue("trygghet-audit")
    promise_slug = make_promise("audit-promise", publish=False)
    with app.app_context():
        session = db.session
        admin = session.scalar(select(User).where(User.email == admin_email))
        assert admin is not None
        before = len(_actions(app))
        # Accounts
        viewer = create_account(session, "viewer@polisen.example", "a long enough password 1",
                                Role.VIEWER, actor=admin)
        change_role(session, viewer, Role.EDITOR, actor=admin)
        set_active(session, viewer, False, actor=admin)
        # Dialogues and their questions
        fields = DialogueFields(
            slug="ny-dialog", kind="open", source_language="sv", title={"sv": "Ny dialog"},
            purpose={"sv": "Vi vill veta."}, target_group={}, influence="consult", form="",
            place={}, next_steps={}, areas=[], opens_on=date(2026, 1, 1),
            closes_on=date(2026, 12, 31), organiser_ids=[admin.organisation_id])
        created = editing.create_dialogue(session, fields, actor=admin)
        editing.update_dialogue(session, created, fields, actor=admin)
        editing.add_templates(session, created, ["problems-area-open"], actor=admin)
        question = editing.add_question(session, created, "short_text", {"sv": "Vad hände?"},
                                        actor=admin)
        editing.move_question(session, created, question.id, -1, actor=admin)
        editing.remove_question(session, created, question.id, actor=admin)
        editing.change_status(created, DialogueStatus.OPEN.value, actor=admin)
        existing = session.scalar(select(Dialogue).where(Dialogue.slug == dialogue_slug))
        assert existing is not None
        exports.export_responses(session, existing, "json", "sv", actor=admin)
        # Promises
        promise = session.scalar(select(Promise).where(Promise.slug == promise_slug))
        assert promise is not None
        promises.add_feedback_update(session, promise, {"sv": "Vi har börjat."},
                                     admin.organisation_id, actor=admin)
        activity = promise.activities[0]
        promises.update_activity(session, activity, promises.ActivityFields(
            title=dict(activity.title), status="ongoing"), actor=admin)
        session.commit()
    written = _actions(app)[before:]
    assert [a for a, _who in written] == [
        "user.create", "user.role", "user.deactivate",
        "dialogue.create", "dialogue.edit", "question.add_templates", "question.add",
        "question.up", "question.remove", "dialogue.status", "responses.export",
        "promise.update.create", "promise.activity.update",
    ]
    assert {who for _a, who in written} == {admin_email}


def test_logout_is_audited_by_the_session_service(
        app: Flask, login_as: Callable[..., FlaskClient]) -> None:
    from tests.conftest import csrf_from

    client = login_as(Role.EDITOR)
    token = csrf_from(client.get("/staff/account/password").get_data(as_text=True))
    client.post("/staff/logout", data={"csrf_token": token})
    assert ("logout", "editor@polisen.example") in _actions(app)


def _view_modules() -> list[Path]:
    """Every module that defines blueprints: `views.py` or a module in a `views/` package."""
    found = list((ROOT / "dialog").glob("**/views.py"))
    found += [p for p in (ROOT / "dialog").glob("**/views/*.py") if p.name != "__init__.py"]
    return sorted(found)


def test_no_view_writes_the_audit_log_itself() -> None:
    modules = _view_modules()
    assert len(modules) >= 10
    offenders = []
    for path in modules:
        name = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(), name)):
            if isinstance(node, ast.Call):
                called = node.func
                called_name = (called.id if isinstance(called, ast.Name)
                               else called.attr if isinstance(called, ast.Attribute) else "")
                if called_name in {"audit", "audit_counted"}:
                    offenders.append(f"{name}:{node.lineno}")
    assert offenders == [], "audit inside the service the view calls instead"


def test_the_log_filter_offers_exactly_the_actions_the_code_records() -> None:
    """The filter's choices come from `ACTIONS`, not from reading the whole log: every
    action a call of `audit`/`audit_counted` (or `log_decision`, as concerns.<decision>)
    can write is in it, and nothing else is."""
    import ast

    from dialog.audit import ACTIONS
    from tests.conftest import ROOT

    def constants(node: ast.AST) -> set[str]:
        return {n.value for n in ast.walk(node)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)}

    written: set[str] = set()
    for folder in ("dialog", "surveys"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                if node.func.id in ("audit", "audit_counted") and node.args:
                    first = node.args[0]
                    if isinstance(first, ast.JoinedStr):
                        continue  # concerns.{decision}: the decisions are read below
                    assert constants(first), f"{path}:{node.lineno}: action not written out"
                    written |= constants(first)
                elif node.func.id == "log_decision" and len(node.args) >= 4:
                    written |= {f"concerns.{a}" for a in constants(node.args[3])}
    assert written == set(ACTIONS)
