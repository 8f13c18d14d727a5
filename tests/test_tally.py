"""The counts the staff pages read (surveys/tally.py) stay exactly what counting the rows gives,
whichever way responses and answers come and go."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, delete, func, select, text, update
from sqlalchemy.orm import Session

from dialog.accounts.models import Role
from dialog.authz import SYSTEM
from dialog.db import db, today
from dialog.dialogues.services.privacy import delete_answers
from dialog.dialogues.services.queries import get_dialogue
from surveys import tally
from surveys.models import (
    TALLY_SHARDS,
    Answer,
    Question,
    Questionnaire,
    Response,
    ResponseTally,
)
from surveys.questions import AnswerValue
from surveys.responses import ResponseFilter, record_response, response_page
from tests.conftest import csrf_from
from tests.helpers import open_form, visible_text

SLUG = "trygghet-norra"


def _counted(session: Session, questionnaire_id: int) -> Counter[tuple[date, str, str]]:
    """Responses per (day, channel, language), counted from the rows."""
    return Counter((day, channel, language) for day, channel, language in session.execute(
        select(Response.submitted_on, Response.channel, Response.language)
        .where(Response.questionnaire_id == questionnaire_id)))


def _texts(session: Session, question_id: int) -> int:
    return sum(1 for t in session.scalars(select(Answer.text).where(
        Answer.question_id == question_id)) if t is not None and t.strip(" ") != "")


def assert_exact(app: Flask, slug: str = SLUG) -> tuple[int, int]:
    """The tallies agree with the rows; the number of responses and of texts to question 2."""
    with app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        counted = _counted(db.session, dialogue.questionnaire_id)
        for language in ("", "sv", "en", "ar"):
            chosen = ResponseFilter(language=language)
            counts = tally.response_counts(db.session, dialogue.questionnaire_id, chosen)
            per_day = Counter()
            for (day, channel, _language), n in counted.items():
                per_day[day, channel] += n
            assert {(day, channel): n for day, channel, n, _m in counts.rows} == per_day
            assert counts.matching() == sum(n for (_d, _c, lang), n in counted.items()
                                            if language in ("", lang))
        assert tally.response_total(db.session, dialogue.questionnaire_id) == counts.total()
        for question in dialogue.questionnaire.questions:
            assert tally.answer_total(db.session, question.id) == _texts(db.session, question.id)
        concern = dialogue.questionnaire.questions[1]
        return counts.total(), tally.answer_total(db.session, concern.id)


def _answer(client: FlaskClient, names: list[str], **fields: str) -> None:
    url = f"/sv/d/{SLUG}"
    sent = client.post(url, data=open_form(client, url) | {names[0]: "safe"} | fields)
    assert sent.status_code == 303, sent.status_code


def test_counts_follow_web_and_paper_answers(
    app: Flask, client: FlaskClient, names: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    assert assert_exact(app) == (0, 0)
    _answer(client, names, **{names[1]: "Mopeder på torget"})
    _answer(client, names, **{names[1]: "Mörkt i parken", names[3]: "Torget"})
    _answer(client, names)  # no free text at all
    assert assert_exact(app) == (3, 2)

    staff = login_as(Role.EDITOR, organisation="Lokalpolisområde Norra")
    url = f"/staff/dialogues/{SLUG}/paper"
    form = csrf_from(staff.get(url).get_data(as_text=True))
    for channel, text_ in (("paper", "Skrivet på papper"), ("meeting", "Sagt på mötet")):
        saved = staff.post(url, data={"csrf_token": form, "channel": channel,
                                      "answered_on": (today() - timedelta(days=1)).isoformat(),
                                      names[0]: "unsafe", names[1]: text_})
        assert saved.status_code == 303
    assert assert_exact(app) == (5, 4)
    page = visible_text(staff.get(f"/staff/dialogues/{SLUG}"))
    assert "webb 3, papper 1, möten 1" in page
    assert "5 svar" in page


def test_blank_texts_updates_and_orm_rows_are_counted_as_the_rows_say(
    app: Flask, names: list[str]
) -> None:
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        questionnaire = dialogue.questionnaire
        questions = questionnaire.questions
        response = Response(questionnaire_id=questionnaire.id, channel="paper", language="en")
        response.answers = [Answer(question_id=questions[1].id, text="  "),
                            Answer(question_id=questions[3].id, text="Parken"),
                            Answer(question_id=questions[2].id, choices=["dark"])]
        db.session.add(response)
        db.session.commit()
    assert assert_exact(app) == (1, 0)  # spaces only are no answer
    with app.app_context():
        db.session.execute(update(Answer).where(Answer.text == "  ").values(text="Mörkt"))
        db.session.execute(update(Response).values(
            submitted_on=today() - timedelta(days=3), channel="meeting"))
        db.session.commit()
    assert assert_exact(app) == (1, 1)
    with app.app_context():
        gone = db.session.scalars(select(Response)).one()
        db.session.delete(gone)  # the ORM deletes its answers first, then the response
        db.session.commit()
    assert assert_exact(app) == (0, 0)


def test_the_staff_list_and_counts_see_what_the_session_has_not_yet_written(
    app: Flask, names: list[str]
) -> None:
    """Both read their rows past the ORM (`column_rows`), as `session.execute` would: what
    the same transaction added is written first, not missed."""
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        questions = dialogue.questionnaire.questions
        response = Response(questionnaire_id=dialogue.questionnaire_id, channel="meeting",
                            language="ar")
        response.answers = [Answer(question_id=questions[3].id, text="Belysning i parken")]
        db.session.add(response)  # pending, not flushed
        chosen = ResponseFilter(channel="meeting")
        page = response_page(db.session, dialogue.questionnaire_id, chosen, 10)
        assert [(r.channel, r.language, [(a.question_id, a.text) for a in r.answers])
                for r in page.rows] == [("meeting", "ar", [(questions[3].id,
                                                             "Belysning i parken")])]
        assert page.older is None and page.newer is None
        counts = tally.response_counts(db.session, dialogue.questionnaire_id, chosen)
        assert counts.matching() == 1
        db.session.rollback()
        assert response_page(db.session, dialogue.questionnaire_id, chosen, 10).rows == []


def _fill(app: Flask, count: int) -> None:
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        questions = dialogue.questionnaire.questions
        for i in range(count):
            record_response(db.session, dialogue.questionnaire,
                            {questions[0].field_name: AnswerValue(choices=("safe",)),
                             questions[1].field_name: AnswerValue(text=f"Mopeder {i}")},
                            language=("sv", "en", "ar")[i % 3],
                            channel=("web", "paper")[i % 2],
                            submitted_on=today() - timedelta(days=i % 4))
        db.session.commit()


def test_erasure_and_retention_take_their_answers_out_of_the_counts(
    app: Flask, names: list[str]
) -> None:
    _fill(app, 20)
    assert assert_exact(app) == (20, 20)
    with app.app_context():
        one = db.session.scalars(select(Response.id).order_by(Response.id)).first()
        db.session.execute(delete(Response).where(Response.id == one))  # answers by cascade
        db.session.commit()
    assert assert_exact(app) == (19, 19)
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        delete_answers(db.session, dialogue, "free_text", reason="test", actor=SYSTEM)
        db.session.commit()
    assert assert_exact(app) == (19, 0)
    _fill(app, 5)
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        delete_answers(db.session, dialogue, "all", reason="test", actor=SYSTEM)
        db.session.commit()
        left = db.session.scalar(select(text("count(*)")).select_from(text("response_tally")))
        assert left == 0  # no rows of zeros are left behind
    assert assert_exact(app) == (0, 0)


def test_a_questionnaire_deleted_takes_its_tallies_with_it(app: Flask, names: list[str]) -> None:
    _fill(app, 3)
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        other = Questionnaire(source_language="sv")
        other.questions = [Question(answer_type="long_text", text={"sv": "Vad?"})]
        db.session.add(other)
        db.session.flush()
        record_response(db.session, other, {other.questions[0].field_name:
                                             AnswerValue(text="Inget")}, language="sv")
        db.session.commit()
        assert tally.response_total(db.session, other.id) == 1
        db.session.delete(other)
        db.session.commit()
        assert db.session.scalar(select(text("count(*)")).select_from(
            text("answer_tally")).where(text(f"question_id = {other.questions[0].id}"))) == 0
    assert assert_exact(app) == (3, 3)


def test_a_schema_made_from_the_metadata_keeps_the_tallies_too(tmp_path: object) -> None:
    from pathlib import Path

    from dialog.models import metadata

    assert isinstance(tmp_path, Path)
    engine = create_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    try:
        metadata.create_all(engine)
        metadata.create_all(engine)  # again: nothing is created twice
        with Session(engine) as session:
            questionnaire = Questionnaire(source_language="sv")
            questionnaire.questions = [Question(answer_type="long_text", text={"sv": "Vad?"})]
            session.add(questionnaire)
            session.flush()
            record_response(session, questionnaire, {questionnaire.questions[0].field_name:
                                                     AnswerValue(text="Mörkt")}, language="sv")
            session.commit()
            assert tally.response_total(session, questionnaire.id) == 1
            assert tally.answer_total(session, questionnaire.questions[0].id) == 1
    finally:
        engine.dispose()


def _postgres_only(app: Flask) -> str:
    """The database's address; the tests that call this are marked `postgres_only` (SQLite
    has one writer at a time, so concurrent writers are a PostgreSQL matter)."""
    with app.app_context():
        url = db.engine.url
    assert url.get_backend_name() == "postgresql", url
    return url.render_as_string(hide_password=False)


@pytest.mark.postgres_only
def test_residents_answering_at_once_neither_wait_nor_miss(app: Flask, names: list[str]) -> None:
    url = _postgres_only(app)
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        questionnaire_id = dialogue.questionnaire_id
    engine = create_engine(url, pool_size=10)

    def answer(session: Session) -> int:
        questionnaire = session.get(Questionnaire, questionnaire_id)
        assert questionnaire is not None
        questions = questionnaire.questions
        response_id, _created = record_response(
            session, questionnaire, {questions[1].field_name: AnswerValue(text="Mörkt")},
            language="sv")
        return response_id

    try:
        # One answer not yet committed does not hold up the next (another shard) ...
        with Session(engine) as first, Session(engine) as second:
            held = answer(first)
            second.execute(text("SET LOCAL lock_timeout = '3s'"))
            other = answer(second)
            assert held % TALLY_SHARDS != other % TALLY_SHARDS
            second.commit()
            first.commit()
        # ... and many at once are all counted.
        errors: list[BaseException] = []

        def resident() -> None:
            try:
                for _ in range(25):
                    with Session(engine) as session:
                        answer(session)
                        session.commit()
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=resident) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
    finally:
        engine.dispose()
    assert assert_exact(app) == (202, 202)


def test_creating_the_schema_again_does_not_count_twice(app: Flask, names: list[str]) -> None:
    from dialog.models import metadata

    with app.app_context():
        metadata.create_all(db.engine)  # on the migrated schema: the triggers made again
    _fill(app, 3)
    assert assert_exact(app) == (3, 3)


@pytest.mark.postgres_only
def test_deleting_all_answers_while_a_resident_answers_does_not_deadlock(
    app: Flask, names: list[str]
) -> None:
    """An answer takes its response's count, then its texts' counts; deleting all answers
    deletes the answers, then the responses. Unless the deletion takes the response counts
    first, each can hold what the other waits for."""
    url = _postgres_only(app)
    _fill(app, 4)
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        questionnaire_id = dialogue.questionnaire_id
        concern = dialogue.questionnaire.questions[1].id
        first = db.session.scalars(select(Response).order_by(Response.id)).first()
        assert first is not None
        key = {"submitted_on": first.submitted_on, "channel": first.channel,
               "language": first.language}
        first_id = first.id
    engine = create_engine(url)
    errors: list[BaseException] = []
    try:
        with Session(engine) as resident:
            resident.execute(text("SET LOCAL deadlock_timeout = '100ms'"))
            # The resident's response, in a count row the deletion will change ...
            last = resident.scalar(select(func.max(Response.id)))
            assert last is not None
            new_id = last + 1 + (first_id - last - 1) % TALLY_SHARDS  # the first one's shard
            resident.execute(Response.__table__.insert().values(
                id=new_id, questionnaire_id=questionnaire_id, **key))

            def delete_all() -> None:
                try:
                    with app.app_context():
                        chosen = get_dialogue(db.session, SLUG)
                        assert chosen is not None
                        db.session.execute(text("SET LOCAL deadlock_timeout = '100ms'"))
                        delete_answers(db.session, chosen, "all", reason="test", actor=SYSTEM)
                        db.session.commit()
                except BaseException as exc:
                    errors.append(exc)

            staff = threading.Thread(target=delete_all)
            staff.start()
            staff.join(timeout=1.0)  # it waits for the resident (or has taken the texts)
            # ... then the resident's text, in a count row the deletion also changes.
            try:
                resident.execute(Answer.__table__.insert().values(
                    response_id=new_id, question_id=concern, text="Mörkt"))
                resident.commit()
            except BaseException as exc:
                errors.append(exc)
            staff.join()
    finally:
        engine.dispose()
    assert not errors, errors
    assert assert_exact(app) == (0, 0)  # the deletion waited for the answer, then took it


def test_past_days_are_folded_into_one_row_each_and_stay_exact(app: Flask, names: list[str]
                                                               ) -> None:
    _fill(app, 40)  # four days, today among them, every shard
    with app.app_context():
        def rows(past: bool) -> list[int]:
            day = ResponseTally.submitted_on
            return list(db.session.scalars(select(ResponseTally.shard).where(
                day < today() if past else day == today())))

        assert len(set(rows(past=True))) > 1
        kept = sorted(rows(past=False))
        assert tally.fold_past_days(db.session, today()) > 0
        db.session.commit()
        assert set(rows(past=True)) == {0} and sorted(rows(past=False)) == kept
        assert tally.fold_past_days(db.session, today()) == 0  # nothing more to fold
    assert assert_exact(app) == (40, 40)
    _fill(app, 8)  # paper answers given on the folded days, and new ones today
    assert assert_exact(app) == (48, 48)
    result = app.test_cli_runner().invoke(args=["fold-counts"])
    assert result.exit_code == 0 and "Folded" in result.output, result.output
    assert assert_exact(app) == (48, 48)
