"""The follow-up report compares the share feeling unsafe with the baseline."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dialog.accounts.models import Role
from dialog.db import db
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus
from dialog.dialogues.services.editing import copy_scale_questions
from dialog.dialogues.services.queries import get_dialogue
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
    assert "Vet inte <5 0" in text


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


def test_small_counts_are_hidden_and_cannot_be_worked_out(
        app: Flask, make_dialogue: Callable[..., str],
        login_as: Callable[..., FlaskClient]) -> None:
    """Two people feel unsafe and one does not know: none of it can be read or derived."""
    make_dialogue()
    make_follow_up(app)
    answer_scale(app, "trygghet-norra", {"safe": 30, "unsafe": 2, "dont_know": 1})
    answer_scale(app, "uppfoljning", {"safe": 25, "unsafe": 9, "dont_know": 4})
    text = visible_text(login_as(Role.ANALYST).get("/staff/dialogues/uppfoljning/comparison"))
    assert "Vet inte <5 <5" in text
    assert "<5 / 32" in text  # the unsafe share of the baseline
    assert "2 / 32" not in text and "6,3" not in text and "6.3" not in text
    # The safe step is hidden too: 32 - 30 would give the 2 back.
    assert "93,8" not in text and "93.8" not in text
    assert "procentenheter" not in text  # the change would give the 2 back as well


def test_hidden_steps_leave_every_hidden_count_open() -> None:
    from itertools import product

    from analysis.compare import hidden_steps

    steps = ["very_safe", "safe", "unsafe", "very_unsafe"]
    unsafe = ["unsafe", "very_unsafe"]
    for counts in product(range(0, 8), repeat=4):
        table = dict(zip(steps, counts, strict=True))
        hidden, unsafe_hidden, withheld = hidden_steps(table, unsafe)
        assert {s for s, v in table.items() if 0 < v < 5} <= hidden
        if withheld:  # nothing of this survey is shown, not even how many answered
            continue
        n = sum(counts)
        shown_unsafe = None if unsafe_hidden else sum(table[s] for s in unsafe)
        # Every table a reader cannot tell apart from this one.
        alike = [t for t in product(*[(range(0, 5) if table[s] < 5 else range(5, n + 1))
                                      if s in hidden else [table[s]] for s in steps])
                 if sum(t) == n and (shown_unsafe is None
                                     or t[2] + t[3] == shown_unsafe)]
        for i, step in enumerate(steps):
            if step in hidden and 0 < table[step] < 5:
                assert len({t[i] for t in alike}) > 1, (table, hidden)
