"""The follow-up report compares the share feeling unsafe with the baseline."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dialog.accounts.models import Role
from dialog.db import db
from dialog.dialogues.editing import copy_scale_questions
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus
from dialog.dialogues.services import get_dialogue
from surveys.models import Questionnaire
from surveys.questions import AnswerValue
from surveys.responses import record_response
from tests.helpers import visible_text


def answer_scale(app: Flask, slug: str, counts: dict[str, int]) -> None:
    with app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        scale = dialogue.questionnaire.questions[0]
        for key, n in counts.items():
            for _ in range(n):
                record_response(db.session, dialogue.questionnaire,
                                {scale.field_name: AnswerValue(choices=(key,))}, language="sv")
        db.session.commit()


def make_follow_up(app: Flask) -> None:
    with app.app_context():
        baseline = db.session.scalar(select(Dialogue).where(Dialogue.slug == "trygghet-norra"))
        assert baseline is not None
        questionnaire = Questionnaire(source_language="sv")
        copy_scale_questions(baseline, questionnaire)
        db.session.add(Dialogue(slug="uppfoljning", kind=DialogueKind.FOLLOW_UP.value,
                                status=DialogueStatus.OPEN.value, title={"sv": "Uppföljning"},
                                questionnaire=questionnaire, baseline=baseline,
                                organisers=list(baseline.organisers)))
        db.session.commit()


def test_significant_drop_in_feeling_unsafe(app: Flask, make_dialogue: Callable[..., str],
                                            login_as: Callable[..., FlaskClient]) -> None:
    make_dialogue()
    make_follow_up(app)
    answer_scale(app, "trygghet-norra", {"safe": 60, "unsafe": 40, "dont_know": 3})
    answer_scale(app, "uppfoljning", {"safe": 80, "unsafe": 20})
    staff = login_as(Role.ANALYST)
    assert "Uppföljningen jämförd med nollmätningen" in visible_text(
        staff.get("/staff/dialogues/uppfoljning"))
    text = visible_text(staff.get("/staff/dialogues/uppfoljning/comparison"))
    assert "40 / 100" in text and "20 / 100" in text
    assert "-20.0 procentenheter" in text
    assert "Förändringen är signifikant." in text
    assert "Vet inte 3 0" in text


def test_small_change_is_not_called_significant(app: Flask, make_dialogue: Callable[..., str],
                                                login_as: Callable[..., FlaskClient]) -> None:
    make_dialogue()
    make_follow_up(app)
    answer_scale(app, "trygghet-norra", {"safe": 12, "unsafe": 8})
    answer_scale(app, "uppfoljning", {"safe": 13, "unsafe": 7})
    text = visible_text(login_as(Role.ANALYST).get("/staff/dialogues/uppfoljning/comparison"))
    assert "Förändringen är inte signifikant." in text


def test_only_follow_ups_have_a_comparison(make_dialogue: Callable[..., str],
                                           login_as: Callable[..., FlaskClient]) -> None:
    make_dialogue()
    assert login_as(Role.ANALYST).get(
        "/staff/dialogues/trygghet-norra/comparison").status_code == 404
