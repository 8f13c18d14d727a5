"""A response is stored once per form, whether the form comes back as a retry or in a race."""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import Flask
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from dialog.db import db
from dialog.dialogues.services.queries import get_dialogue
from surveys.models import Answer, Response
from surveys.questions import AnswerValue
from surveys.responses import record_response


def _values(app: Flask, slug: str) -> dict[str, AnswerValue]:
    with app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        scale, concern, *_ = dialogue.questionnaire.questions
        return {scale.field_name: AnswerValue(choices=("safe",)),
                concern.field_name: AnswerValue(text="Mörkt i tunneln")}


def _counts(app: Flask) -> tuple[int, int]:
    with app.app_context():
        return (db.session.scalar(select(func.count(Response.id))) or 0,
                db.session.scalar(select(func.count(Answer.id))) or 0)


def test_the_same_form_twice_is_stored_once(app: Flask,
                                            make_dialogue: Callable[..., str]) -> None:
    slug = make_dialogue()
    values = _values(app, slug)
    with app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        first, created = record_response(db.session, dialogue.questionnaire, values,
                                         language="sv", form_token="nonce-1")
        again, created_again = record_response(db.session, dialogue.questionnaire, values,
                                               language="ar", form_token="nonce-1")
        other, created_other = record_response(db.session, dialogue.questionnaire, values,
                                               language="sv", form_token="nonce-2")
        db.session.commit()
        assert (created, created_again, created_other) == (True, False, True)
        assert again == first != other
        stored = db.session.get(Response, first)
        assert stored is not None and stored.language == "sv"  # the retry changed nothing
        assert stored.form_token != "nonce-1"  # only a digest of the token is kept
        assert sorted(a.text or "" for a in stored.answers) == ["", "Mörkt i tunneln"]
    assert _counts(app) == (2, 4)


def test_answers_without_a_token_are_all_kept(app: Flask,
                                             make_dialogue: Callable[..., str]) -> None:
    """Paper answers have no form token: two identical sheets are two residents."""
    slug = make_dialogue()
    values = _values(app, slug)
    with app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        for _ in range(2):
            record_response(db.session, dialogue.questionnaire, values, language="sv",
                            channel="paper")
        db.session.commit()
    assert _counts(app) == (2, 4)


def test_a_race_for_the_same_form_stores_it_once(app: Flask, database_url: str,
                                                 make_dialogue: Callable[..., str]) -> None:
    """Two workers get the same form at once: one stores it, the other finds it stored."""
    slug = make_dialogue()
    values = _values(app, slug)
    engine = create_engine(database_url)
    results: list[tuple[int, bool]] = []
    errors: list[BaseException] = []
    first_inserted = threading.Event()

    def worker(hold: bool) -> None:
        try:
            with Session(engine) as session:
                dialogue = get_dialogue(session, slug)
                assert dialogue is not None
                if not hold:
                    first_inserted.wait(5)
                results.append(record_response(session, dialogue.questionnaire, values,
                                               language="sv", form_token="raced"))
                if hold:  # keep the transaction open while the other one tries
                    first_inserted.set()
                    threading.Event().wait(0.3)
                session.commit()
        except BaseException as exc:
            errors.append(exc)
            first_inserted.set()

    threads = [threading.Thread(target=worker, args=(hold,)) for hold in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    engine.dispose()
    assert errors == []
    assert sorted(created for _id, created in results) == [False, True]
    assert len({response_id for response_id, _created in results}) == 1
    assert _counts(app) == (1, 2)
