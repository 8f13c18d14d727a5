"""The answer path's copy of each open questionnaire, kept per worker as plain frozen data.

The busiest write of the site needs, per answer, only what validation and the INSERT need:
the dialogue's id, kind, status and dates, its areas and each question's id, name, type,
required flag and option keys. Loading that through the ORM on every answer (a joined query
and a few dozen objects) cost more than storing the answer. Each worker keeps it here instead,
keyed by slug, with the dialogue's `version`; every edit of the dialogue or its questionnaire
bumps that version in the database (the flush hook below), and the answer's INSERT only
stores when the version is still the one the copy was made from. So two app servers, or
two workers, never store an answer against a questionnaire that has changed: the first
answer after an edit finds its copy stale, drops it and goes through the full path.

Never ORM instances: those belong to one session and one thread.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg
from sqlalchemy import event, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from dialog.dialogues.models import Dialogue, DialogueKind, takes_answers
from surveys.models import Answer, Question, Questionnaire, QuestionOption
from surveys.questions import AnswerValue, FieldError, QuestionSpec, check_answers
from surveys.responses import question_specs, token_digest

MAX_FORMS = 2000  # far more open dialogues than a country runs at once


@dataclass(frozen=True)
class CachedForm:
    dialogue_id: int
    slug: str
    version: int
    kind: str
    status: str
    opens_on: date | None
    closes_on: date | None
    questionnaire_id: int
    question_ids: tuple[tuple[str, int], ...]  # field name, question id, in order
    specs: tuple[QuestionSpec, ...]

    def accepts_answers(self, on: date) -> bool:
        return takes_answers(self.status, self.opens_on, self.closes_on, on)

    @property
    def targeted(self) -> bool:
        return self.kind == DialogueKind.TARGETED

    def check(self, form: Any) -> tuple[dict[str, AnswerValue], dict[str, FieldError]]:
        raw = {spec.name: form.getlist(spec.name) for spec in self.specs}
        return check_answers(self.specs, raw)


def snapshot(dialogue: Dialogue) -> CachedForm:
    questions = dialogue.questionnaire.questions
    return CachedForm(
        dialogue_id=dialogue.id, slug=dialogue.slug, version=dialogue.version,
        kind=dialogue.kind, status=dialogue.status, opens_on=dialogue.opens_on,
        closes_on=dialogue.closes_on, questionnaire_id=dialogue.questionnaire_id,
        question_ids=tuple((q.field_name, q.id) for q in questions),
        specs=tuple(question_specs(dialogue.questionnaire, dialogue.areas)),
    )


class FormCache:
    """Slug → CachedForm for one app (one per worker process; threads share it)."""

    def __init__(self) -> None:
        self._forms: dict[str, CachedForm] = {}
        self._lock = threading.Lock()

    def get(self, slug: str) -> CachedForm | None:
        return self._forms.get(slug)

    def put(self, form: CachedForm) -> None:
        with self._lock:
            if len(self._forms) >= MAX_FORMS:
                self._forms.clear()
            self._forms[form.slug] = form

    def drop(self, slug: str) -> None:
        with self._lock:
            self._forms.pop(slug, None)


def store_answer(engine: Engine, form: CachedForm, values: Mapping[str, AnswerValue], *,
                 language: str, form_token: str, submitted_on: date) -> bool | None:
    """Store one web answer if `form` is still current, committed when this returns.

    True: stored now. False: this form token was stored before (a retry). None: the dialogue
    changed since `form` was made, nothing stored; the caller drops its copy and starts again.
    A transaction of its own, on a connection of its own: no ORM session is made for it.
    """
    digest = token_digest(form_token)
    answers = [(question_id, value.text, list(value.choices) or None)
               for name, question_id in form.question_ids
               if (value := values.get(name)) is not None and not value.empty]
    row = {"questionnaire_id": form.questionnaire_id, "submitted_on": submitted_on,
           "language": language, "form_token": digest, "dialogue_id": form.dialogue_id,
           "version": form.version}
    if engine.dialect.name == "postgresql":
        # The answers as one JSON parameter: three arrays cost psycopg more to adapt than
        # the statement costs to send.
        return _store_postgresql(engine, form, {**row, "answers": json.dumps(answers)})
    with engine.begin() as conn:  # SQLite: the response, then its answers
        stored = conn.scalar(_STORE_RESPONSE, row)
        if stored is None:
            return _retry_or_stale(conn.scalar(_VERSION, {"id": form.dialogue_id}), form)
        conn.execute(insert(Answer).execution_options(render_nulls=True), [
            {"response_id": stored, "question_id": question_id, "text": text,
             "choices": choices} for question_id, text, choices in answers])
    return True


def _store_postgresql(engine: Engine, form: CachedForm, params: dict[str, Any]) -> bool | None:
    """The response and its answers in one statement, sent as its own transaction.

    In autocommit mode PostgreSQL commits the statement (durably, like any commit) before it
    answers: one round trip, where BEGIN, the INSERT and COMMIT took three. The statement goes
    to psycopg directly, prepared on the server once per connection: through SQLAlchemy's
    connection and result objects the same statement cost twice the client CPU (0.9-1.3 ms
    against 0.4-0.5 ms, measured side by side in one process), on the busiest write of the site.
    (A connection pooler in front of PostgreSQL must keep prepared statements: PgBouncer in
    session mode, or in transaction mode from 1.21 with `max_prepared_statements`.)
    """
    pooled = engine.raw_connection()
    conn: psycopg.Connection[Any] = pooled.driver_connection  # type: ignore[assignment]
    try:
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                stored = cursor.execute(_STORE_PSYCOPG, params, prepare=True).fetchone()
                if stored is not None:
                    return True
                found = cursor.execute(_VERSION_PSYCOPG, {"id": form.dialogue_id},
                                       prepare=True).fetchone()
        finally:
            if not conn.closed:
                conn.autocommit = False
    except psycopg.Error as exc:
        if conn.closed or engine.dialect.is_disconnect(exc, pooled, None):  # type: ignore[arg-type]
            # As SQLAlchemy does on a lost connection: this one is not handed out again, and
            # neither is any other opened before it (after a database restart they are all
            # dead: one answer fails, not one per pooled connection).
            pooled.invalidate(exc)
            engine.dispose()
        raise
    finally:
        pooled.close()
    return _retry_or_stale(None if found is None else found[0], form)


def _retry_or_stale(version: int | None, form: CachedForm) -> bool | None:
    """Nothing was stored: a retry of a stored form (False), or a stale copy (None)."""
    return False if version == form.version else None


def _psycopg(statement: str) -> str:
    """`:name` parameters (SQLAlchemy's text) as psycopg's `%(name)s`."""
    return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", statement)


# Written out, not built per call: a statement with its values inside would be compiled anew
# for every answer, which cost more than the INSERT.
_RESPONSE = """
INSERT INTO response (questionnaire_id, submitted_on, channel, language, form_token)
SELECT :questionnaire_id, :submitted_on, 'web', :language, :form_token FROM dialogue
WHERE dialogue.id = :dialogue_id AND dialogue.version = :version
ON CONFLICT (form_token) DO NOTHING RETURNING id"""
_STORE_RESPONSE = text(_RESPONSE)
_VERSION_SQL = "SELECT version FROM dialogue WHERE id = :id"
_VERSION = text(_VERSION_SQL)
_VERSION_PSYCOPG = _psycopg(_VERSION_SQL)
# The response and its answers in one statement: the answers are inserted from what the
# response's INSERT returned, so a retry or a stale copy stores neither.
_STORE_PSYCOPG = _psycopg(f"""
WITH stored AS ({_RESPONSE})
INSERT INTO answer (response_id, question_id, text, choices)
SELECT stored.id, CAST(given->>0 AS integer), given->>1, given->2
FROM stored, json_array_elements(CAST(:answers AS json)) AS given
RETURNING response_id""")  # noqa: S608 - two constants joined; every value is bound


def load(session: Session, slug: str) -> CachedForm | None:
    from dialog.dialogues.services.queries import get_dialogue

    dialogue = get_dialogue(session, slug)
    return None if dialogue is None else snapshot(dialogue)


# Every edit of a dialogue, its questionnaire, a question or an option bumps the dialogue's
# version in the same flush, whichever service, command or job makes it.
_OWNED = (Dialogue, Questionnaire, Question, QuestionOption)


def _questionnaire_id(obj: object) -> int | None:
    if isinstance(obj, Questionnaire):
        return obj.id
    if isinstance(obj, Question):
        return obj.questionnaire_id or (obj.questionnaire.id if obj.questionnaire else None)
    if isinstance(obj, QuestionOption):
        question = obj.question
        if question is None:
            return None
        return question.questionnaire_id or (question.questionnaire.id
                                             if question.questionnaire else None)
    return None


@event.listens_for(Session, "before_flush")
def _bump_versions(session: Session, _context: Any, _instances: Any) -> None:
    changed = [o for o in (*session.dirty, *session.deleted, *session.new)
               if isinstance(o, _OWNED)]
    if not changed:
        return
    dialogues = {o for o in changed if isinstance(o, Dialogue) and o not in session.new
                 and o not in session.deleted and session.is_modified(o)}
    questionnaire_ids = {i for o in changed if (i := _questionnaire_id(o)) is not None}
    if questionnaire_ids:
        with session.no_autoflush:
            dialogues.update(session.scalars(select(Dialogue).where(
                Dialogue.questionnaire_id.in_(questionnaire_ids))))
    for dialogue in dialogues:
        if dialogue not in session.new and dialogue not in session.deleted:
            # In SQL, so two edits at once both count: never two contents under one version.
            dialogue.version = Dialogue.version + 1

