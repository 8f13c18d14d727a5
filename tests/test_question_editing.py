"""Staff edit a question freely until the first answer; afterwards only corrections that keep
its meaning, each logged with the old text."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dialog.accounts.models import Role
from dialog.audit import AuditEvent
from dialog.authz import SYSTEM
from dialog.db import db
from dialog.dialogues.services.editing import EditError, QuestionEdit, edit_question, keeps_meaning
from dialog.dialogues.services.queries import get_dialogue
from surveys.models import Question
from surveys.questions import AnswerValue
from surveys.responses import record_response
from tests.conftest import csrf_from
from tests.helpers import visible_text

SLUG = "trygghet-norra"


@pytest.mark.parametrize(("old", "new"), [
    ("Hur trygg kännr du dig i området?", "Hur trygg känner du dig i området?"),
    ("Vilka problem upplever du", "Vilka problem upplever du?"),
    ("How safe do you feel in the evning?", "How safe do you feel in the evening?"),
    ("Hur trygg känner du dig i kväll?", "Hur trygg känner du dig ikväll?"),
])
def test_typo_fixes_keep_the_meaning(old: str, new: str) -> None:
    assert keeps_meaning(old, new)


@pytest.mark.parametrize(("old", "new"), [
    ("Hur trygg känner du dig?", "Hur otrygg känner du dig?"),
    ("How safe do you feel?", "How unsafe do you feel?"),
    ("Känner du dig trygg?", "Känner du dig inte trygg?"),
    ("Vilka problem upplever du?", "Vilka problem upplever du med ungdomsgäng?"),
    ("Vad fungerar bra i området?", "Vad fungerar dåligt i området?"),
    ("Hur trygg känner du dig på kvällen?", "Hur trygg känner du dig på dagen?"),
])
def test_other_changes_do_not(old: str, new: str) -> None:
    assert not keeps_meaning(old, new)


def _answer(app: Flask) -> None:
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        first = dialogue.questionnaire.questions[0]
        record_response(db.session, dialogue.questionnaire,
                        {first.field_name: AnswerValue(choices=(first.options[0].key,))
                         if first.options else AnswerValue(text="svar")}, language="sv")
        db.session.commit()


def _question(app: Flask, position: int = 0) -> tuple[int, dict[str, str], bool, int]:
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        q = dialogue.questionnaire.questions[position]
        return q.id, dict(q.text), q.required, len(q.options)


def _events(app: Flask, action: str) -> list[dict[str, object]]:
    with app.app_context():
        return [e.details for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == action))]


def _post(staff: FlaskClient, question_id: int, **fields: str) -> tuple[int, str]:
    url = f"/staff/dialogues/{SLUG}/questions/{question_id}/edit"
    page = staff.get(url).get_data(as_text=True)
    data = {"csrf_token": csrf_from(page)}
    # Everything the page shows is sent back, as a browser would, with the changes on top.
    inputs = r'<input type="text" id="[^"]+" name="([^"]+)"[^>]*value="([^"]*)"'
    for name, value in re.findall(inputs, page):
        data[name] = value
    for name, value in re.findall(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>',
                                  page):
        data[name] = value
    if 'id="required" name="required" value="1" checked' in page:
        data["required"] = "1"
    data.update(fields)
    response = staff.post(url, data={k: v for k, v in data.items() if v is not None})
    return response.status_code, response.get_data(as_text=True)


def test_before_any_answer_everything_can_change(
    app: Flask, make_dialogue: Callable[..., str], login_as: Callable[..., FlaskClient]
) -> None:
    make_dialogue()
    qid, text, required, _n = _question(app)
    staff = login_as(Role.EDITOR, organisation="Lokalpolisområde Norra")
    status, _page = _post(staff, qid, text_sv="Hur trygg känner du dig i ditt kvarter?",
                          help_sv="Tänk på de senaste tre månaderna.", required=None,
                          new_options="Varken eller | Neither")
    assert status == 303
    with app.app_context():
        question = db.session.get(Question, qid)
        assert question is not None
        assert question.text["sv"] == "Hur trygg känner du dig i ditt kvarter?"
        assert question.help["sv"] == "Tänk på de senaste tre månaderna."
        assert question.required is False and required is True
        assert [o.label.get("en") for o in question.options] == ["Safe", "Unsafe", "Neither"]
    [event] = _events(app, "question.edit")
    changes = event["changes"]
    assert isinstance(changes, list)
    assert {"field": "text", "language": "sv", "old": text["sv"],
            "new": "Hur trygg känner du dig i ditt kvarter?"} in changes
    assert "Frågan sparades" in visible_text(staff.get(f"/staff/dialogues/{SLUG}/questions"))


def test_after_the_first_answer_only_corrections_are_allowed(
    app: Flask, make_dialogue: Callable[..., str], login_as: Callable[..., FlaskClient]
) -> None:
    make_dialogue()
    _answer(app)
    qid, text, _required, _n = _question(app)
    staff = login_as(Role.EDITOR, organisation="Lokalpolisområde Norra")
    page = visible_text(staff.get(f"/staff/dialogues/{SLUG}/questions/{qid}/edit"))
    assert "Invånare har redan svarat på frågan." in page
    assert "inte längre gå att jämföra" in page

    # A different question is refused, says why, and keeps what was typed.
    status, page = _post(staff, qid, text_sv="Hur otrygg känner du dig i området på kvällen?")
    assert status == 422
    assert "inte att jämföra med dem som kommer" in page
    assert "Hur otrygg känner du dig i området på kvällen?</textarea>" in page
    assert _question(app)[1] == text

    # A typo fix and a new translation are saved, and logged with the old text.
    status, _page = _post(staff, qid, text_sv="Hur trygg känner du dig i området på kvällen ?",
                          text_fi="Kuinka turvalliseksi tunnet olosi alueella illalla?")
    assert status == 303
    new_text = _question(app)[1]
    assert new_text["fi"] == "Kuinka turvalliseksi tunnet olosi alueella illalla?"
    [event] = _events(app, "question.correct")
    changes = event["changes"]
    assert isinstance(changes, list)
    assert {"field": "text", "language": "sv", "old": text["sv"],
            "new": "Hur trygg känner du dig i området på kvällen ?"} in changes
    assert {"field": "text", "language": "fi", "old": "",
            "new": "Kuinka turvalliseksi tunnet olosi alueella illalla?"} in changes


def test_required_flag_and_options_are_fixed_once_answered(
    app: Flask, make_dialogue: Callable[..., str]
) -> None:
    make_dialogue()
    _answer(app)
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        question = dialogue.questionnaire.questions[0]
        base = QuestionEdit(text=dict(question.text), help=dict(question.help),
                            options=[dict(o.label) for o in question.options],
                            required=question.required)
        for change in (
            {"required": False},
            {"new_options": [{"sv": "Ganska trygg"}]},
            {"removed_options": frozenset({1})},
            {"options": [dict(question.options[0].label), {"sv": "Mycket otrygg"}]},
        ):
            with pytest.raises(EditError):
                edit_question(db.session, dialogue, question.id, QuestionEdit(
                    **(base.__dict__ | change)), actor=SYSTEM)
        assert [o.label["sv"] for o in question.options] == ["Trygg", "Otrygg"]
