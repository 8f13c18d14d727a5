"""Authorisation in one place per action, admin user management, audit log, retention, privacy,
background jobs."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from dialog.accounts.models import Role, User
from dialog.audit import AuditEvent
from dialog.db import db, today
from dialog.dialogues.models import DialogueStatus
from dialog.i18n import LANGUAGES
from surveys.models import Answer, Response
from tests.conftest import csrf_from
from tests.external import REDIS_URL, redis_client
from tests.helpers import open_form, visible_text
from tests.security.routes import row_counts


def _token(client: FlaskClient, url: str = "/staff/") -> str:
    return csrf_from(client.get(url).get_data(as_text=True))


def _actions(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_viewer_cannot_edit_and_other_municipality_cannot_touch(
        app: Flask, login_as: Callable[..., FlaskClient], world: dict[str, Any]) -> None:
    slug = world["slug"]
    client = login_as(Role.VIEWER, organisation="Norra kommun")
    token = _token(client)
    before = row_counts(app)
    for url, data in [(f"/staff/dialogues/{slug}/status", {"status": "closed"}),
                      (f"/staff/dialogues/{slug}/edit", {}),
                      (f"/staff/dialogues/{slug}/privacy", {"retention_months": "3"}),
                      (f"/staff/dialogues/{slug}/delete-answers",
                       {"scope": "all", "confirm": "yes"}),
                      ("/staff/users", {"email": "x@y.se", "password": "long enough pw",
                                        "role": "admin", "organisation": "X"})]:
        assert client.post(url, data=data | {"csrf_token": token}).status_code == 403, url
    assert row_counts(app) == before

    other = login_as(Role.EDITOR, organisation="Södra kommun")
    token = _token(other)
    for url in (f"/staff/dialogues/{slug}/edit", f"/staff/dialogues/{slug}/questions",
                f"/staff/dialogues/{slug}/privacy", f"/staff/dialogues/{slug}/paper"):
        assert other.get(url).status_code == 404, url  # as if it did not exist
    response = other.post(f"/staff/dialogues/{slug}/delete-answers",
                          data={"scope": "all", "confirm": "yes", "csrf_token": token})
    assert response.status_code == 404
    assert other.get("/staff/users").status_code == 403
    assert other.get("/staff/audit").status_code == 403


def test_editor_of_an_organiser_may_edit(login_as: Callable[..., FlaskClient],
                                         world: dict[str, Any]) -> None:
    client = login_as(Role.EDITOR, organisation="Norra kommun")
    assert client.get(f"/staff/dialogues/{world['slug']}/privacy").status_code == 200


def test_admin_manages_users_and_every_change_is_audited(
        app: Flask, login_as: Callable[..., FlaskClient]) -> None:
    client = login_as(Role.ADMIN)
    page = client.get("/staff/users")
    assert page.status_code == 200 and "admin@polisen.example" in visible_text(page)
    token = csrf_from(page.get_data(as_text=True))
    created = client.post("/staff/users", data={
        "email": "ny@kommun.example", "password": "a long password", "role": "editor",
        "organisation": "Ny kommun", "csrf_token": token})  # the organisation is not chosen
    assert created.status_code == 303
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "ny@kommun.example"))
        assert user is not None and user.role == "editor"
        assert user.organisation.name == "Lokalpolisområde Norra"  # the admin's own
        user_id = user.id
    assert client.post(f"/staff/users/{user_id}", data={
        "action": "role", "role": "viewer", "csrf_token": token}).status_code == 303
    assert client.post(f"/staff/users/{user_id}", data={
        "action": "deactivate", "csrf_token": token}).status_code == 303
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None and user.role == "viewer" and not user.is_active
    assert {"user.create", "user.role", "user.deactivate"} <= set(_actions(app))
    audit_page = visible_text(client.get("/staff/audit"))
    assert "user.deactivate" in audit_page and "ny@kommun.example" in audit_page
    assert "a long password" not in audit_page


def test_the_last_admin_cannot_lock_everyone_out(
        app: Flask, login_as: Callable[..., FlaskClient]) -> None:
    client = login_as(Role.ADMIN)
    with app.app_context():
        me = db.session.scalar(select(User).where(User.email == "admin@polisen.example"))
        assert me is not None
        my_id = me.id
    client.post(f"/staff/users/{my_id}", data={"action": "deactivate",
                                               "csrf_token": _token(client)})
    with app.app_context():
        me = db.session.get(User, my_id)
        assert me is not None and me.is_active and me.role == "admin"


def test_audit_log_is_newest_first_and_paginated(
        app: Flask, login_as: Callable[..., FlaskClient]) -> None:
    from dialog.audit import PAGE_SIZE, audit

    client = login_as(Role.ADMIN)
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == "admin@polisen.example"))
        for n in range(PAGE_SIZE + 5):
            audit("test.event", ("thing", n, f"label-{n}"), actor=admin)
        db.session.commit()
    page = client.get("/staff/audit")
    first = visible_text(page)
    assert f"label-{PAGE_SIZE + 4}" in first and "label-0 " not in first
    older = re.search(r'<a href="([^"]+)">Äldre händelser</a>', page.get_data(as_text=True))
    assert older is not None and "before=" in older.group(1)
    second = visible_text(client.get(older.group(1)))
    assert "label-0" in second and f"label-{PAGE_SIZE + 4}" not in second
    assert "Nyare händelser" in second and "Äldre händelser" not in second
    for nonsense in ("before=nonsense", "after=-1", "before=99999999", "after=99999999999",
                     "before=%D9%A3", "page=2"):
        assert client.get(f"/staff/audit?{nonsense}").status_code == 200


def test_staff_actions_are_audited(app: Flask, login_as: Callable[..., FlaskClient],
                                   world: dict[str, Any]) -> None:
    client = login_as(Role.ADMIN)
    slug = world["slug"]
    token = _token(client)
    client.get(f"/staff/dialogues/{slug}/responses.csv")
    client.post(f"/staff/dialogues/{slug}/status", data={"status": "closed",
                                                        "csrf_token": token})
    client.post("/staff/dialogues/riktad/invitations", data={"count": "10",
                                                             "csrf_token": token})
    actions = _actions(app)
    for action in ("login.success", "responses.export", "dialogue.status",
                   "invitations.create"):
        assert action in actions


def _answer(app: Flask, client: FlaskClient, slug: str, names: list[str], n: int) -> None:
    url = f"/sv/d/{slug}"
    for i in range(n):
        data = open_form(client, url) | {names[0]: "safe", names[1]: f"Text {i}", "send": "1"}
        assert client.post(url, data=data).status_code == 303


def _counts(app: Flask) -> tuple[int, int]:
    with app.app_context():
        responses = int(db.session.scalar(select(func.count(Response.id))) or 0)
        texts = int(db.session.scalar(select(func.count(Answer.id)).where(
            Answer.text.is_not(None))) or 0)
    return responses, texts


def test_delete_needs_confirmation_then_is_final_and_audited(
        app: Flask, login_as: Callable[..., FlaskClient], world: dict[str, Any],
        question_names: Callable[[str], list[str]]) -> None:
    client = login_as(Role.ADMIN)
    slug = world["slug"]
    _answer(app, client, slug, question_names(slug), 3)
    token = _token(client)
    url = f"/staff/dialogues/{slug}/delete-answers"
    client.post(url, data={"scope": "free_text", "csrf_token": token})
    assert _counts(app) == (3, 3)
    client.post(url, data={"scope": "free_text", "confirm": "yes", "csrf_token": token})
    assert _counts(app) == (3, 0)
    client.post(url, data={"scope": "all", "confirm": "yes", "csrf_token": token})
    assert _counts(app) == (0, 0)
    assert _actions(app).count("retention.delete") == 2


def test_enforce_retention_deletes_when_due_is_idempotent_and_prints(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str],
        question_names: Callable[[str], list[str]]) -> None:
    from dialog.dialogues.services.queries import get_dialogue

    slug = make_dialogue("gammal")
    _answer(app, client, slug, question_names(slug), 2)
    with app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        dialogue.status = DialogueStatus.CLOSED.value
        dialogue.closed_on = today() - timedelta(days=100)
        dialogue.retention_months = 6
        db.session.commit()
    runner = app.test_cli_runner()
    assert "Nothing to delete." in runner.invoke(args=["enforce-retention"]).output
    assert _counts(app) == (2, 2)
    with app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        dialogue.retention_months = 3
        db.session.commit()
    first = runner.invoke(args=["enforce-retention"])
    assert "gammal: deleted 0 responses and 2 answers (free_text)." in first.output
    assert _counts(app) == (2, 0)
    assert "Nothing to delete." in runner.invoke(args=["enforce-retention"]).output
    assert _actions(app) == ["retention.delete"]


def test_privacy_notice_in_every_language_linked_from_the_questionnaire(
        client: FlaskClient, world: dict[str, Any]) -> None:
    slug = world["slug"]
    form = client.get(f"/sv/d/{slug}").get_data(as_text=True)
    assert f'href="/sv/d/{slug}/privacy"' in form
    for code in LANGUAGES:
        page = client.get(f"/{code}/d/{slug}/privacy")
        assert page.status_code == 200, code
        assert "Lokalpolisområde Norra" in visible_text(page), code
    swedish = visible_text(client.get(f"/sv/d/{slug}/privacy"))
    assert "Vem ansvarar för dina svar" in swedish and "IMY" in swedish


def test_staff_can_write_their_own_notice_and_retention(
        app: Flask, login_as: Callable[..., FlaskClient], world: dict[str, Any]) -> None:
    client = login_as(Role.ADMIN)
    slug = world["slug"]
    url = f"/staff/dialogues/{slug}/privacy"
    token = _token(client, url)
    bad = client.post(url, data={"retention_months": "many", "csrf_token": token})
    assert bad.status_code == 422
    saved = client.post(url, data={
        "retention_months": "12", "retention_scope": "all", "csrf_token": token,
        "contact_sv": "Ring <b>114 14</b> och fråga efter kommunpolisen."})
    assert saved.status_code == 303
    page = client.get(f"/sv/d/{slug}/privacy")
    assert "Ring <b>114 14</b>" in visible_text(page)
    assert "<b>114" not in page.get_data(as_text=True)
    assert "12 månader" in visible_text(page)
    assert "dialogue.privacy" in _actions(app)


def _double(number: Any, check: int = 1) -> Any:
    return number * 2 // check if isinstance(number, int) else 1 // check


@pytest.fixture
def test_jobs_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    import dialog.jobs

    monkeypatch.setattr(dialog.jobs, "ALLOWED_PACKAGES", {*dialog.jobs.ALLOWED_PACKAGES, "tests"})


def test_jobs_run_in_process_without_redis(app: Flask, test_jobs_allowed: None) -> None:
    from dialog.jobs import enqueue, resolve

    with app.app_context():
        assert enqueue("tests.security.test_staff_controls:_double", 2) is None
        with pytest.raises(ZeroDivisionError):  # it ran here and now
            enqueue("tests.security.test_staff_controls:_double", "x", 0)
        with pytest.raises(ValueError, match="only the project's own code"):
            resolve("os:system")


def test_jobs_go_through_rq_when_redis_is_configured(app: Flask, test_jobs_allowed: None
                                                     ) -> None:
    import dataclasses

    from rq import Queue, SimpleWorker

    from dialog.jobs import QUEUE, enqueue

    connection = redis_client()
    app.config["SETTINGS"] = dataclasses.replace(app.config["SETTINGS"], redis_url=REDIS_URL)
    with app.app_context():
        job_id = enqueue("dialog.dialogues.services.privacy:retention_ends", None)
    assert job_id
    queue = Queue(QUEUE, connection=connection)
    job = queue.fetch_job(job_id)
    assert job is not None and job.get_status() == "queued"
    with app.app_context():
        SimpleWorker([queue], connection=connection).work(burst=True)
    job.refresh()
    assert job.get_status() == "failed"  # None is no dialogue: the error is kept for staff
    with app.app_context():
        job_id = enqueue("tests.security.test_staff_controls:_double", 21)
    assert job_id
    with app.app_context():
        SimpleWorker([queue], connection=connection).work(burst=True)
    finished = queue.fetch_job(job_id)
    assert finished is not None and finished.return_value() == 42
    connection.flushdb()
