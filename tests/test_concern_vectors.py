"""Concerns are grouped by meaning across languages, each answer's vector is paid for once,
and reading the page computes nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import timedelta

import numpy as np
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from dialog.accounts.models import Role
from dialog.concerns import vectors
from dialog.concerns.models import AnalysisRun, AnswerVector, ConcernCluster
from dialog.db import db, today
from dialog.dialogues.services import get_dialogue
from surveys.models import Answer
from tests.conftest import csrf_from
from tests.external import redis_client
from tests.helpers import open_form, visible_text
from tests.test_concerns import URL, answer_in, answer_themes, clusters, run_directly, start

PAGE = "/staff/dialogues/trygghet-norra/concerns/"


@pytest.fixture
def answered(app: Flask, make_dialogue: Callable[..., str],
             question_names: Callable[[str], list[str]]) -> list[str]:
    """The dialogue of tests/test_concerns.py with its 36 answers on three themes."""
    make_dialogue()
    answer_themes(app)
    return question_names("trygghet-norra")


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many texts each call of the real model embedded."""
    calls: list[int] = []
    real = vectors._embed

    def counting(texts: Sequence[str]) -> np.ndarray:
        calls.append(len(texts))
        return real(texts)

    monkeypatch.setattr(vectors, "_embed", counting)
    return calls


def _vector_count(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count(AnswerVector.answer_id))) or 0)


def test_the_page_groups_by_meaning_and_says_so(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    for i in range(6):
        answer_in(app, f"Mopeds on the walkway by the school in the evenings {i}", "man", "en")
    staff = login_as(Role.ANALYST)
    start(staff)
    text = visible_text(staff.get(PAGE))
    assert "Grupperade efter betydelse, oavsett språk" in text  # which features, on the page
    assert "engelska 6" in text and "svenska 12" in text  # answers per language
    with app.app_context():
        run = db.session.scalars(select(AnalysisRun)).one()
        assert run.params["features"] == "multilingual"
        assert run.params["embedding_model"] == vectors.current_model()


def test_each_answer_is_embedded_once_and_a_new_run_reuses_the_vectors(
    app: Flask, client: FlaskClient, answered: list[str], embedded: list[int],
    login_as: Callable[..., FlaskClient],
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    assert sum(embedded) == 36
    assert _vector_count(app) == 36
    with app.app_context():
        models = set(db.session.scalars(select(AnswerVector.model)))
        row = db.session.scalars(select(AnswerVector)).first()
        assert row is not None and len(row.vector) == 384 * 4  # float32
    assert models == {vectors.current_model()}

    scale, concern, *_ = answered
    late = open_form(client, URL) | {scale: "safe", concern: "Lamporna i tunneln är trasiga"}
    assert client.post(URL, data=late).status_code == 303
    embedded.clear()
    start(staff)
    assert embedded == [1]  # only the new answer
    assert _vector_count(app) == 37


def test_a_vector_of_another_model_is_made_again(
    app: Flask, answered: list[str], embedded: list[int], login_as: Callable[..., FlaskClient]
) -> None:
    run_directly(app)
    with app.app_context():
        db.session.execute(AnswerVector.__table__.update().values(model="older-model/1"))
        db.session.commit()
    embedded.clear()
    run_directly(app)
    assert sum(embedded) == 36
    with app.app_context():
        assert set(db.session.scalars(select(AnswerVector.model))) == {vectors.current_model()}
    assert _vector_count(app) == 36


def test_deleting_answers_and_retention_delete_their_vectors(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    from dialog.authz import SYSTEM
    from dialog.dialogues.models import DialogueStatus
    from dialog.dialogues.privacy import delete_answers, enforce_retention

    run_directly(app)
    assert _vector_count(app) == 36
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        one = db.session.scalars(select(AnswerVector.answer_id)).first()
        db.session.execute(Answer.__table__.delete().where(Answer.id == one))
        db.session.commit()
    assert _vector_count(app) == 35  # one answer deleted: its vector with it
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        dialogue.status = DialogueStatus.CLOSED
        dialogue.closed_on = today() - timedelta(days=400)
        dialogue.retention_months = 6
        dialogue.retention_scope = "free_text"
        db.session.commit()
        done = enforce_retention(db.session, today())
        db.session.commit()
        assert [d.slug for d in done] == ["trygghet-norra"]
    assert _vector_count(app) == 0
    run_directly(app)
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        assert delete_answers(db.session, dialogue, "all", reason="test", actor=SYSTEM)
        db.session.commit()
    assert _vector_count(app) == 0


def test_without_the_model_the_run_groups_by_words_and_says_so(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(texts: Sequence[str]) -> np.ndarray:
        raise vectors.EmbeddingUnavailable("the engine could not be loaded")

    monkeypatch.setattr(vectors, "_embed", broken)
    staff = login_as(Role.ANALYST)
    start(staff)
    text = visible_text(staff.get(PAGE))
    assert "Grupperade efter gemensamma ord (språkmodellen kunde inte köras)" in text
    assert len([c for c in clusters(app) if c.number >= 0]) == 3  # still three groups
    assert _vector_count(app) == 0


def test_the_page_shows_how_far_a_first_run_has_prepared_the_answers(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While the worker embeds, each batch is committed; the page (no JavaScript) says how
    many answers are ready and reloads itself."""
    from dialog.authz import SYSTEM
    from dialog.concerns import services

    monkeypatch.setattr(vectors, "BATCH", 10)
    staff = login_as(Role.ANALYST)
    seen: list[str] = []
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        run = services.start_run(db.session, dialogue, services.text_questions(dialogue)[0],
                                 SYSTEM)
        db.session.commit()

        def checkpoint() -> None:
            db.session.commit()
            page = staff.get(PAGE)
            seen.append(visible_text(page))
            assert '<meta http-equiv="refresh" content="10">' in page.get_data(as_text=True)

        services.execute_run(db.session, run.id, checkpoint=checkpoint)
        db.session.commit()
    assert any("0 av 36 svar förberedda" in page for page in seen), seen
    assert any("20 av 36 svar förberedda" in page for page in seen), seen
    done = staff.get(PAGE).get_data(as_text=True)
    assert "förberedda" not in done and 'http-equiv="refresh"' not in done


def test_reading_the_page_computes_no_labels(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import analysis.labels
    from dialog.concerns import services

    staff = login_as(Role.ANALYST)
    start(staff)

    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("labels computed while reading the page")

    monkeypatch.setattr(analysis.labels, "describe_groups", forbidden)
    monkeypatch.setattr(services, "new_answers", forbidden)  # counted in the database
    staff.get(PAGE)  # warm
    text = visible_text(staff.get(PAGE))
    assert "På svenska säger svaren:" in text and "mörkt i tunneln" in text


def test_labels_follow_a_merge(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    groups = [c for c in clusters(app) if c.number >= 0]
    tunnel = next(c for c in groups if "mörkt" in c.label)
    other = next(c for c in groups if c.id != tunnel.id)
    token = csrf_from(staff.get(PAGE).get_data(as_text=True))
    staff.post(f"{PAGE}runs/{tunnel.run_id}/clusters/{other.id}",
               data={"csrf_token": token, "action": "merge", "target": str(tunnel.id),
                     "confirmed": "1"})
    with app.app_context():
        merged = db.session.get(ConcernCluster, tunnel.id)
        assert merged is not None
        assert merged.languages == {"sv": 24}  # stored after the merge, not on reading


def test_a_new_answer_is_queued_for_embedding_and_the_worker_embeds_it(
    app: Flask, client: FlaskClient, answered: list[str]
) -> None:
    from rq import Queue

    from dialog.jobs import QUEUE, run_job
    from tests.external import REDIS_URL

    connection = redis_client()
    app.config["SETTINGS"] = dataclasses.replace(app.config["SETTINGS"], redis_url=REDIS_URL)
    scale, concern, *_ = answered
    for text in ("Mörkt i tunneln på kvällarna", "Mopeder vid skolan"):
        form = open_form(client, URL) | {scale: "safe", concern: text}
        assert client.post(URL, data=form).status_code == 303
    queue = Queue(QUEUE, connection=connection)
    jobs = queue.get_jobs()
    assert len(jobs) == 1  # one job per questionnaire while one is waiting
    assert jobs[0].args[0] == "dialog.concerns.vectors:embed_answers_job"
    with app.app_context():
        assert run_job(*jobs[0].args) == 38  # what arrived, and what was there before
    assert _vector_count(app) == 38
    only_scale = open_form(client, URL) | {scale: "safe"}
    assert client.post(URL, data=only_scale).status_code == 303
    assert len(queue.get_jobs()) == 1  # no free text: nothing to embed, no job


def test_an_answer_is_stored_when_redis_is_down(
    app: Flask, client: FlaskClient, answered: list[str]
) -> None:
    app.config["SETTINGS"] = dataclasses.replace(app.config["SETTINGS"],
                                                 redis_url="redis://127.0.0.1:1/0")
    scale, concern, *_ = answered
    form = open_form(client, URL) | {scale: "safe", concern: "Mörkt i tunneln"}
    assert client.post(URL, data=form).status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count(Answer.id)).where(
            Answer.text == "Mörkt i tunneln")) == 1
    assert _vector_count(app) == 0  # the next run embeds it
