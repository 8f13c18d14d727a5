"""Each answer's multilingual vector, computed once and kept until the answer is deleted.

Embedding costs tens of milliseconds per answer on a CPU, so it is paid once: the first run
that needs a vector stores it (`prepare_vectors`), and when Redis is configured the worker
embeds free-text answers shortly after they arrive (`embed_soon` on the answer path,
`embed_answers_job` in the worker). A vector made by another model or model version
(`analysis.embed.model_id()`) counts as missing and is made again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from dialog.concerns.models import AnswerVector
from dialog.db import after_commit
from surveys.models import Answer, Question, Questionnaire, Response
from surveys.questions import AnswerValue

log = logging.getLogger(__name__)
EMBED_JOB = "dialog.concerns.services.vectors:embed_answers_job"
# Answers embedded and stored per step; a worker commits after each, so a run's page can say
# how far it got and an interrupted run keeps what it paid for.
BATCH = 128
# The worker's share per job; what is left is taken by the next job (or the next run).
JOB_LIMIT = 20_000
PENDING_KEY = "dialog:embed:questionnaire:{}"
PENDING_SECONDS = 600
DTYPE = np.dtype("<f4")


class EmbeddingUnavailable(RuntimeError):
    """The multilingual model could not be loaded or run (the run groups by words instead)."""


def current_model() -> str:
    """The model id stored with every vector; EmbeddingUnavailable when the package fails."""
    try:
        from analysis.embed import model_id

        return model_id()
    except (ImportError, OSError, RuntimeError) as exc:
        raise EmbeddingUnavailable(str(exc)) from exc


def _embed(texts: Sequence[str]) -> np.ndarray:
    try:
        from analysis.embed import embed_texts

        vectors, _model = embed_texts(texts)
    except (ImportError, OSError, RuntimeError, AttributeError) as exc:
        raise EmbeddingUnavailable(str(exc)) from exc
    return vectors


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=DTYPE)


def stored(session: Session, answer_ids: Sequence[int], model: str) -> dict[int, np.ndarray]:
    """The stored vectors of `answer_ids` made by `model` (others count as missing)."""
    out: dict[int, np.ndarray] = {}
    ids = list(answer_ids)
    for start in range(0, len(ids), 5000):  # stays under every database's parameter limit
        chunk = ids[start : start + 5000]
        for answer_id, data in session.execute(
                select(AnswerVector.answer_id, AnswerVector.vector).where(
                    AnswerVector.answer_id.in_(chunk), AnswerVector.model == model)):
            out[answer_id] = from_bytes(data)
    return out


def store(session: Session, vectors: Mapping[int, np.ndarray], model: str) -> None:
    """Keep `vectors` (answer id -> vector), replacing any made by another model."""
    if not vectors:
        return
    session.execute(delete(AnswerVector).where(AnswerVector.answer_id.in_(list(vectors))))
    session.execute(insert(AnswerVector), [
        {"answer_id": answer_id, "model": model, "vector": to_bytes(vector)}
        for answer_id, vector in vectors.items()])


def prepare_vectors(
    session: Session, answers: Sequence[tuple[int, str]],
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """One vector per (answer id, text), in order: stored ones read, missing ones embedded
    and stored. `progress(ready, total)` is called before and after every batch."""
    model = current_model()
    ids = [answer_id for answer_id, _text in answers]
    have = stored(session, ids, model)
    missing = [(answer_id, text) for answer_id, text in answers if answer_id not in have]
    total = len(answers)
    if progress is not None:
        progress(total - len(missing), total)
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        made = _embed([text for _id, text in batch])
        fresh = {answer_id: made[i] for i, (answer_id, _text) in enumerate(batch)}
        store(session, fresh, model)
        have.update(fresh)
        if progress is not None:
            progress(total - len(missing) + start + len(batch), total)
    if not answers:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack([have[answer_id] for answer_id in ids]).astype(np.float32)


def pending(session: Session, questionnaire_id: int, model: str,
            limit: int = JOB_LIMIT) -> list[tuple[int, str]]:
    """Free-text answers of the questionnaire without a vector of `model`, oldest first."""
    query = (
        select(Answer.id, Answer.text)
        .join(Response, Answer.response_id == Response.id)
        .join(Question, Answer.question_id == Question.id)
        .outerjoin(AnswerVector, (AnswerVector.answer_id == Answer.id)
                   & (AnswerVector.model == model))
        .where(Response.questionnaire_id == questionnaire_id,
               Question.answer_type == "long_text", Answer.text.is_not(None),
               AnswerVector.answer_id.is_(None))
        .order_by(Answer.id).limit(limit)
    )
    return [(answer_id, text) for answer_id, text in session.execute(query)
            if text and text.strip()]


def embed_pending(session: Session, questionnaire_id: int,
                  checkpoint: Callable[[], None] | None = None) -> int:
    """Embed and store the questionnaire's answers that have no vector yet; how many."""
    model = current_model()
    answers = pending(session, questionnaire_id, model)
    for start in range(0, len(answers), BATCH):
        batch = answers[start : start + BATCH]
        made = _embed([text for _id, text in batch])
        store(session, {answer_id: made[i] for i, (answer_id, _t) in enumerate(batch)}, model)
        if checkpoint is not None:
            checkpoint()
    return len(answers)


def embed_answers_job(questionnaire_id: int) -> int:
    """The worker's job: embed what arrived. The pending mark is cleared first, so an answer
    stored while this runs either is seen here or sets the mark again and gets a job."""
    from flask import current_app

    from dialog.db import db
    from dialog.jobs import redis_client

    url = current_app.config["SETTINGS"].redis_url
    if url:
        redis_client(url).delete(PENDING_KEY.format(questionnaire_id))
    done = embed_pending(db.session, questionnaire_id, checkpoint=db.session.commit)
    db.session.commit()
    return done


def has_free_text(questions: Iterable[tuple[str, str]], values: Mapping[str, AnswerValue]) -> bool:
    """Whether `values` hold free text for any of `questions` (field name, answer type)."""
    return any(answer_type == "long_text" and (value := values.get(name)) is not None
               and bool(value.text and value.text.strip()) for name, answer_type in questions)


def fields_of(questionnaire: Questionnaire) -> list[tuple[str, str]]:
    return [(q.field_name, q.answer_type) for q in questionnaire.questions]


def embed_soon(session: Session, questionnaire_id: int, questions: Iterable[tuple[str, str]],
               values: Mapping[str, AnswerValue], *, redis_url: str) -> None:
    """On the answer path: once the response is committed, have the worker embed its free
    text. Only with Redis (`redis_url`; without it, the next run embeds); one job per
    questionnaire at a time; an unreachable Redis is logged and never fails or delays the
    answer much (short timeouts): the answer is stored already."""
    url = redis_url
    if not url or not has_free_text(questions, values):
        return
    after_commit(session, lambda: _mark_and_enqueue(url, questionnaire_id))


def embed_committed(questionnaire_id: int, questions: Iterable[tuple[str, str]],
                    values: Mapping[str, AnswerValue], *, redis_url: str) -> None:
    """As `embed_soon`, for a response committed already (the answer path's one statement)."""
    if redis_url and has_free_text(questions, values):
        _mark_and_enqueue(redis_url, questionnaire_id)


def _mark_and_enqueue(url: str, questionnaire_id: int) -> None:
    from dialog.jobs import enqueue_to, redis_client

    key = PENDING_KEY.format(questionnaire_id)
    try:
        client = redis_client(url)
        if client.set(key, "1", nx=True, ex=PENDING_SECONDS):
            try:
                enqueue_to(url, EMBED_JOB, questionnaire_id)
            except Exception:
                client.delete(key)
                raise
    # The response is committed: whatever goes wrong here, the resident's answer stands.
    except Exception as exc:
        log.warning("answers not queued for embedding (the next run embeds them): %s", exc)


def summary(run_params: Mapping[str, Any]) -> tuple[int, int] | None:
    """(prepared, total) of a run that is preparing its answers' vectors, else None."""
    total = run_params.get("to_prepare")
    if not isinstance(total, int) or total <= 0:
        return None
    return int(run_params.get("prepared") or 0), total
