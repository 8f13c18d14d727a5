"""The answer path keeps each questionnaire in memory; an edit is seen by the very next answer,
on this app server and on another one sharing the database."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select
from sqlalchemy.engine import Engine

from dialog import create_app
from dialog.db import db
from dialog.dialogues.models import Dialogue, DialogueStatus
from surveys.models import Answer, Question, QuestionOption
from tests.helpers import count_responses, counting, open_form

SLUG = "trygghet-norra"
URL = f"/sv/d/{SLUG}"


@pytest.fixture
def names(make_dialogue: Callable[..., str], question_names: Callable[[str], list[str]]
          ) -> list[str]:
    return question_names(make_dialogue())


@pytest.fixture
def other_app(app: Flask) -> Iterator[Flask]:
    """A second app server on the same database (its own engine, its own copy of forms)."""
    other = create_app({"SETTINGS": app.config["SETTINGS"]})
    yield other
    other.extensions["dialog_db"].dispose()


def _version(app: Flask) -> int:
    with app.app_context():
        version = db.session.scalar(select(Dialogue.version).where(Dialogue.slug == SLUG))
        assert version is not None
        return version


def _edit(app: Flask, change: Callable[[Dialogue], None]) -> None:
    with app.app_context():
        from dialog.dialogues.services.queries import get_dialogue

        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        change(dialogue)
        db.session.commit()


def _answer(client: FlaskClient, **fields: str) -> int:
    return client.post(URL, data=open_form(client, URL) | fields).status_code


def _round_trips(engine: Engine, send: Callable[[], int]) -> tuple[int, list[str]]:
    """`send()`'s status, and the messages PostgreSQL answered with (libpq's own trace of
    every connection handed out meanwhile, through SQLAlchemy or not)."""
    from psycopg import pq

    traced: list[Any] = []
    with tempfile.TemporaryFile() as log:

        def trace(dbapi_connection: Any, *_args: object) -> None:
            dbapi_connection.pgconn.trace(log.fileno())
            dbapi_connection.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)
            traced.append(dbapi_connection)

        event.listen(engine, "checkout", trace)
        try:
            status = send()
        finally:
            event.remove(engine, "checkout", trace)
            for dbapi_connection in traced:
                dbapi_connection.pgconn.untrace()
        log.seek(0)
        lines = log.read().decode().splitlines()
    return status, [line.split("\t")[2] + " " + line.split("\t")[3].strip() for line in lines
                    if line.split("\t")[0] == "B" and line.split("\t")[2] == "ReadyForQuery"]


def test_a_valid_answer_is_one_round_trip_on_postgresql(app: Flask, client: FlaskClient,
                                                       names: list[str]) -> None:
    """The response and its answers: one statement, committed by the server as it runs (no
    BEGIN or COMMIT to wait for). On SQLite: the two INSERTs."""
    scale, concern, *_ = names
    assert _answer(client, **{scale: "safe"}) == 303  # the first answer makes the copy
    assert _answer(client, **{scale: "safe"}) == 303  # and prepares the statement
    with app.app_context():
        engine = db.engine
    form = open_form(client, URL)

    def send() -> int:
        return client.post(URL, data=form | {scale: "unsafe", concern: "Mörkt vid torget"}
                           ).status_code

    if engine.dialect.name == "postgresql":
        status, ready = _round_trips(engine, send)
        # One reply, and the connection is idle after it: nothing left open to commit.
        assert ready == ["ReadyForQuery I"], ready
    else:
        with counting(app) as seen:
            status = send()
        assert len(seen) == 2, seen
    assert status == 303
    assert count_responses(app) == 3
    with app.app_context():
        texts = set(db.session.scalars(select(Answer.text).where(Answer.text.is_not(None))))
        assert texts == {"Mörkt vid torget"}


def test_a_retry_on_postgresql_stores_nothing_and_is_thanked(
        app: Flask, client: FlaskClient, names: list[str]) -> None:
    """The same form sent twice (a resident pressing Send again): the second finds its token
    stored, asks the version once, and is thanked without a second response."""
    scale, concern, *_ = names
    form = open_form(client, URL) | {scale: "unsafe", concern: "Mopeder"}
    assert client.post(URL, data=form).status_code == 303
    again = client.post(URL, data=form)
    assert again.status_code == 303
    assert again.headers["Location"].endswith(f"{URL}/thanks")
    assert count_responses(app) == 1


def test_every_edit_bumps_the_version(app: Flask, names: list[str]) -> None:
    start = _version(app)
    _edit(app, lambda d: setattr(d.questionnaire.questions[1], "required", True))
    assert _version(app) == start + 1
    _edit(app, lambda d: setattr(d.questionnaire.questions[0].options[0], "label",
                                 {"sv": "Mycket trygg"}))
    assert _version(app) == start + 2
    _edit(app, lambda d: d.questionnaire.questions[2].options.append(
        QuestionOption(position=9, key="graffiti", label={"sv": "Klotter"})))
    assert _version(app) == start + 3
    _edit(app, lambda d: setattr(d, "closes_on", d.closes_on))  # no change, no new version
    assert _version(app) == start + 3
    _edit(app, lambda d: setattr(d, "status", DialogueStatus.CLOSED.value))
    assert _version(app) == start + 4


def test_an_edit_is_seen_by_the_next_answer(app: Flask, client: FlaskClient,
                                            names: list[str]) -> None:
    scale, concern, *_ = names
    assert _answer(client, **{scale: "safe"}) == 303  # this server now has a copy
    _edit(app, lambda d: setattr(d.questionnaire.questions[1], "required", True))
    assert _answer(client, **{scale: "safe"}) == 422  # the concern is required now
    assert count_responses(app) == 1
    assert _answer(client, **{scale: "safe", concern: "Mopeder"}) == 303
    assert count_responses(app) == 2


def test_an_edit_on_one_server_is_seen_by_the_other(app: Flask, other_app: Flask,
                                                    names: list[str]) -> None:
    scale, _concern, seen, *_ = names
    here, there = app.test_client(), other_app.test_client()
    assert _answer(here, **{scale: "safe"}) == 303
    assert _answer(there, **{scale: "safe"}) == 303  # both servers have a copy

    def remove_litter(dialogue: Dialogue) -> None:
        question: Question = dialogue.questionnaire.questions[2]
        question.options = [o for o in question.options if o.key != "litter"]

    _edit(other_app, remove_litter)
    assert _answer(here, **{scale: "safe", seen: "litter"}) == 422  # no such option now
    assert _answer(here, **{scale: "safe", seen: "dark"}) == 303
    form = open_form(there, URL)  # a form left open while the dialogue is closed
    _edit(app, lambda d: setattr(d, "status", DialogueStatus.CLOSED.value))
    assert there.post(URL, data=form | {scale: "safe"}).status_code == 409
    assert count_responses(app) == 3


def test_the_first_answer_returns_the_read_connection_before_storing(
        app: Flask, client: FlaskClient, names: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first answer of a worker reads the form (an ORM session); that read's connection is
    back in the pool before the store takes one: a request never holds two, so threads
    waiting for a connection cannot each hold one (a pool of one would wait for ever)."""
    from dialog.dialogues.services import form_cache

    scale, *_ = names
    held: list[int] = []
    store = form_cache.store_answer

    def counting_store(engine: Engine, *args: Any, **kwargs: Any) -> bool | None:
        held.append(engine.pool.checkedout())  # type: ignore[attr-defined]
        return store(engine, *args, **kwargs)

    monkeypatch.setattr(form_cache, "store_answer", counting_store)
    assert _answer(client, **{scale: "safe"}) == 303  # no copy yet: read, then store
    assert _answer(client, **{scale: "unsafe"}) == 303  # from the copy
    assert held == [0, 0]
    assert count_responses(app) == 2


@pytest.mark.postgres_only
def test_after_a_database_restart_one_answer_fails_not_one_per_connection(
        app: Flask, client: FlaskClient, names: list[str]) -> None:
    """Every pooled connection dies with a restart. The answer path sends its statement
    without SQLAlchemy; like SQLAlchemy, the first failure drops every connection opened
    before it, so the next answers get new ones."""
    import psycopg

    scale, *_ = names
    assert _answer(client, **{scale: "safe"}) == 303  # the copy is made
    forms = [open_form(client, URL) for _ in range(4)]
    with app.app_context():
        engine = db.engine
    held = [engine.raw_connection() for _ in range(3)]  # three connections in the pool
    pids = [c.driver_connection.info.backend_pid for c in held]  # type: ignore[union-attr]
    for pooled in held:
        pooled.close()
    with psycopg.connect(engine.url.render_as_string(hide_password=False).replace(
            "postgresql+psycopg", "postgresql"), autocommit=True) as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    outcomes = []
    for form in forms:
        try:
            outcomes.append(client.post(URL, data=form | {scale: "unsafe"}).status_code)
        except Exception as exc:  # the test app lets a server error through
            outcomes.append(type(exc).__name__)
    assert outcomes[1:] == [303, 303, 303], outcomes
    assert count_responses(app) == 1 + outcomes.count(303)
