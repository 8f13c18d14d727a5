"""Running the analysis on a dialogue's free-text answers and recording analysts' decisions.

The clustering itself lives in `analysis/`; this module feeds it the answers, stores what it
returns so a run can be reproduced, and applies the analyst's renames, merges, splits and
exclusions on top of it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Select, bindparam, func, insert, select, update
from sqlalchemy.orm import Session, aliased, defer

import analysis
from analysis.cluster import VARIOUS_LABEL
from dialog.accounts.models import User
from dialog.audit import audit
from dialog.authz import Action, Actor, audit_actor, require
from dialog.concerns.models import (
    AnalysisRun,
    AnalystDecision,
    ConcernCluster,
    ConcernMembership,
    RunStatus,
)
from dialog.concerns.services import vectors
from dialog.db import utcnow
from dialog.dialogues.models import Dialogue
from dialog.paging import PAGE_SIZE, Page
from dialog.promises.models import FocusArea
from dialog.promises.services.promises import create_focus_area
from surveys.models import Answer, Question, Response
from surveys.questions import has_bad_characters
from surveys.tally import answer_total, answer_totals

log = logging.getLogger(__name__)
UNKNOWN_GROUP = "unknown"
# A focus area's public figures are updated only after this many answers joined or left it.
REPUBLISH_MIN_CHANGES = 10
# Fewer answers than this outside the focus areas are not clustered: they wait in "various".
MIN_TO_CLUSTER = 4
# Above this many answers, a run goes to the background worker (when one is configured).
BACKGROUND_THRESHOLD = 1500
# ... and so does a run with more answers than this still to embed (about 10-30 a second).
BACKGROUND_TO_EMBED = 100
# Above this many answers a run groups by shared words ("lexical" features): a first run
# would embed for hours, and lexical grouping stays within a minute at 100,000 answers.
MULTILINGUAL_LIMIT = 50_000
# Below this many answers too: the language correction and the whitening estimate their
# directions from the answers themselves, and a dozen answers on one topic give only noise
# (k = 1 put half of 12 near-identical answers in "various").
MULTILINGUAL_MINIMUM = 30
# Staff read the phrase labels in these languages.
LABEL_LANGUAGES = ("sv", "en")


class ConcernError(ValueError):
    """An analyst action that cannot be done; the message code is shown translated."""


def text_questions(dialogue: Dialogue) -> list[Question]:
    return [q for q in dialogue.questionnaire.questions if q.answer_type == "long_text"]


def gender_question(dialogue: Dialogue) -> Question | None:
    return next((q for q in dialogue.questionnaire.questions if q.answer_type == "gender"), None)


@dataclass(frozen=True)
class AnswerRow:
    answer_id: int
    text: str
    language: str
    gender: str


def _answer_query(dialogue: Dialogue, question: Question
                  ) -> Select[int, str | None, str, list[str] | None]:
    gender_q = gender_question(dialogue)
    gender_answer = aliased(Answer)
    return (
        select(Answer.id, Answer.text, Response.language, gender_answer.choices)
        .join(Response, Answer.response_id == Response.id)
        .outerjoin(gender_answer, (gender_answer.response_id == Response.id)
                   & (gender_answer.question_id == (gender_q.id if gender_q else -1)))
        .where(Answer.question_id == question.id, Answer.text.is_not(None))
        .order_by(Answer.id)
    )


def _answer_row_list(session: Session,
                     query: Select[int, str | None, str, list[str] | None],
                     ) -> list[AnswerRow]:
    return [
        AnswerRow(answer_id, text, language or "", (choices or [UNKNOWN_GROUP])[0])
        for answer_id, text, language, choices in session.execute(query)
        if text and text.strip()
    ]


def answer_rows(session: Session, dialogue: Dialogue, question: Question) -> list[AnswerRow]:
    """Every non-empty answer to `question`, with the respondent's language and gender."""
    return _answer_row_list(session, _answer_query(dialogue, question))


def _languages(rows: Sequence[AnswerRow]) -> list[str]:
    """The library knows Swedish and English; other languages are treated alike."""
    return [r.language if r.language in ("sv", "en") else "other" for r in rows]


def masked(text: str) -> str:
    """Free text as anyone may see it: personal details replaced by placeholders."""
    return analysis.mask_pii(text)


def start_run(session: Session, dialogue: Dialogue, question: Question, actor: Actor,
              *, k: int | None = None, seed: int = 0, lexical: bool = False) -> AnalysisRun:
    """A queued run; `lexical` groups by shared words whatever the number of answers (the
    scale seed, which must not need the language model)."""
    require(actor, Action.ANALYSE, dialogue)
    user = audit_actor(actor)
    if (question.questionnaire_id != dialogue.questionnaire_id
            or question.answer_type != "long_text"):
        raise ConcernError("not_a_text_question")
    params: dict[str, Any] = {"k": k, "language": "auto"}
    if lexical:
        params["lexical"] = True
    run = AnalysisRun(dialogue_id=dialogue.id, question_id=question.id, seed=seed,
                      params=params, created_by_id=user.id if user else None)
    session.add(run)
    session.flush()
    audit("concerns.run", dialogue, {"run": run.id, "question": question.id, "k": k,
                                     "seed": seed}, actor=user, session=session)
    return run


@dataclass(frozen=True)
class RunPlan:
    """What a new run will do, said before it starts."""

    answers: int
    focus_areas: list[str]
    in_focus_areas: int
    decisions: int


# `plan_run`'s "look the latest finished run up yourself".
LOOK_UP: Any = object()


def plan_run(session: Session, dialogue: Dialogue, question: Question,
             latest: AnalysisRun | None = LOOK_UP, decided: int | None = None,
             answers: int | None = None, groups: Sequence[ClusterView] | None = None
             ) -> RunPlan:
    """Counted in the database (a few statements whatever the number of answers): the page
    says this on every visit. `latest`: the question's latest finished run (None: it has
    none), `decided`: how many decisions that run has, `answers`: how many answers the
    question has, and `groups`: `cluster_views` of `latest`, when the caller knows them
    already (`latest_done`, `decisions`, `count_answers_of`)."""
    if latest is LOOK_UP:
        latest = session.scalar(select(AnalysisRun).where(
            AnalysisRun.dialogue_id == dialogue.id, AnalysisRun.question_id == question.id,
            AnalysisRun.status == RunStatus.DONE.value).order_by(AnalysisRun.id.desc())
            .limit(1))
    names: list[str] = []
    in_areas = decisions_count = 0
    if latest is not None:
        rows: Sequence[tuple[str, int]]
        if latest.counted is not None:  # the sizes `store_figures` kept, with its groups
            kept: Sequence[ClusterView | ConcernCluster] = \
                groups if groups is not None else latest.clusters
            rows = [(c.label, c.size) for c in sorted(kept, key=lambda c: c.id)
                    if c.focus_area_id is not None and not c.excluded]
        else:  # a run from before they were kept
            rows = session.execute(
                select(ConcernCluster.label, func.count(ConcernMembership.answer_id))
                .outerjoin(ConcernMembership,
                           (ConcernMembership.cluster_id == ConcernCluster.id)
                           & ConcernMembership.excluded.is_(False))
                .where(ConcernCluster.run_id == latest.id,
                       ConcernCluster.focus_area_id.is_not(None),
                       ConcernCluster.excluded.is_(False))
                .group_by(ConcernCluster.id, ConcernCluster.label)
                .order_by(ConcernCluster.id)).all()
        names = [label for label, _n in rows]
        in_areas = sum(int(n) for _label, n in rows)
        decisions_count = decided if decided is not None else int(session.scalar(
            select(func.count(AnalystDecision.id)).where(
                AnalystDecision.run_id == latest.id)) or 0)
    return RunPlan(answers=answers if answers is not None else count_answers(session, question),
                   focus_areas=names, in_focus_areas=in_areas, decisions=decisions_count)


def count_answers(session: Session, question: Question) -> int:
    """How many non-empty answers the question has (as `answer_rows` would list): a sum
    over the question's few tally rows, kept by the database (surveys/tally.py)."""
    return answer_total(session, question.id)


def count_answers_of(session: Session, questions: Sequence[Question]) -> dict[int, int]:
    """`count_answers` of each question (by id), in one statement."""
    return answer_totals(session, [q.id for q in questions])


def latest_done(runs: Sequence[RunView]) -> dict[int, int]:
    """Per question, its latest finished run's id, from the dialogue's runs
    (`runs_and_latest`)."""
    found: dict[int, int] = {}
    for run in runs:  # newest first
        if run.status == RunStatus.DONE.value:
            found.setdefault(run.question_id, run.id)
    return found


def run_in_background(session: Session, question: Question) -> bool:
    """Whether a run of `question` is long enough to belong to the worker: many answers, or
    many still without a stored vector."""
    answers = count_answers(session, question)
    if answers > BACKGROUND_THRESHOLD:
        return True
    if answers > MULTILINGUAL_LIMIT or answers < MULTILINGUAL_MINIMUM:
        return False
    try:
        model = vectors.current_model()
    except vectors.EmbeddingUnavailable:
        return False
    have = int(session.scalar(select(func.count(vectors.AnswerVector.answer_id))
                              .join(Answer, Answer.id == vectors.AnswerVector.answer_id)
                              .where(Answer.question_id == question.id,
                                     vectors.AnswerVector.model == model)) or 0)
    return answers - have > BACKGROUND_TO_EMBED


@dataclass(frozen=True)
class RunView:
    id: int
    created_at: Any
    user_email: str
    question_id: int
    params: dict[str, Any]
    seed: int
    answer_count: int
    status: str


# The concerns page's statements, built once (their values bound when they run): making a
# statement and its cache key on every view cost as much as a round trip.
_RUNS = (select(AnalysisRun, User.email)
         .outerjoin(User, User.id == AnalysisRun.created_by_id)
         .where(AnalysisRun.dialogue_id == bindparam("dialogue_id"))
         .order_by(AnalysisRun.id.desc()))


def runs_and_latest(session: Session, dialogue: Dialogue
                    ) -> tuple[list[RunView], AnalysisRun | None]:
    """Every run of the dialogue, newest first: who, when, parameters, answer count; and the
    latest run (as `latest_run` finds it), from the same statement."""
    rows = session.execute(_RUNS, {"dialogue_id": dialogue.id}).all()
    return [RunView(r.id, r.created_at, email or "", r.question_id, dict(r.params or {}),
                    r.seed, r.answer_count, r.status) for r, email in rows], \
        rows[0][0] if rows else None


def execute_run(session: Session, run_id: int,
                checkpoint: Callable[[], None] | None = None) -> None:
    """Cluster the answers of a stored run and save the result (also run by the worker).

    A run never throws away what analysts decided on the run before it (of the same question):
    - focus areas anchor it: their answers stay in them, and new answers close to one join it
      (the assignment model built from the focus areas' answers decides "close");
    - the other answers are clustered afresh;
    - a new group takes over an earlier group's name (when an analyst gave one), its exclusion
      and its merges when most of its answers (more than half) were in that earlier group;
      several new groups matching one earlier group that an analyst named or merged into are
      merged again. Answers an analyst excluded stay excluded.
    - what could not be carried (an earlier decision no new group matches) is listed in
      `params["not_carried"]` for the analyst.

    Groups follow meaning across languages (multilingual features over the answers' stored
    vectors; missing ones are embedded and stored first, `params["prepared"]` of
    `params["to_prepare"]` telling how far). Over MULTILINGUAL_LIMIT answers, or when the
    model cannot run, they follow shared words; `params["features"]` and
    `params["features_reason"]` say which and why. `checkpoint` (the worker's commit) is
    called after every batch of vectors, so the page can show the progress.
    """
    run = session.get(AnalysisRun, run_id)
    if run is None or run.status == RunStatus.DONE:
        return
    dialogue, question = _subject(session, run)
    run.status = RunStatus.RUNNING.value
    rows = answer_rows(session, dialogue, question)
    features, by_answer, reason = _vectors_for(session, run, rows, checkpoint)
    previous = _previous_run(session, run)
    anchors = _anchors(session, previous) if previous is not None else []
    placed: dict[int, int] = {}  # answer id -> index of the anchor it stays in or joins
    for index, (_cluster, members) in enumerate(anchors):
        for answer_id in members:
            placed[answer_id] = index
    loose = [r for r in rows if r.answer_id not in placed]
    if anchors and loose:
        by_id = {r.answer_id: r for r in rows}
        model = analysis.build_assigner(
            {i: [by_id[a].text for a in members if a in by_id]
             for i, (_c, members) in enumerate(anchors)}, seed=run.seed)
        for row, anchor in zip(loose, analysis.assign([r.text for r in loose], model),
                               strict=True):
            if anchor != analysis.VARIOUS_ID:
                placed[row.answer_id] = anchor
        loose = [r for r in loose if r.answer_id not in placed]
    result = None
    if len(loose) >= MIN_TO_CLUSTER:
        try:
            result = analysis.cluster_texts(
                [r.text for r in loose], languages=_languages(loose), k=run.params.get("k"),
                seed=run.seed, features=features,
                vectors=np.vstack([by_answer[r.answer_id] for r in loose])
                if by_answer is not None else None)
        except ValueError as exc:
            run.status, run.error = RunStatus.FAILED.value, str(exc)[:500]
            session.flush()
            return
    run.version = analysis.__version__
    run.params = {**run.params, **(result.params if result else {}),
                  "features": features, "features_reason": reason,
                  "anchored": len(anchors), "previous_run": previous.id if previous else None}
    run.model = result.model if result else None
    run.answer_count = len(rows)
    clusters: dict[int, ConcernCluster] = {}
    for cluster in result.clusters if result else []:
        clusters[cluster.id] = ConcernCluster(number=cluster.id, label=cluster.label,
                                              terms=list(cluster.terms),
                                              examples=list(cluster.examples))
        run.clusters.append(clusters[cluster.id])
    if analysis.VARIOUS_ID not in clusters:
        clusters[analysis.VARIOUS_ID] = ConcernCluster(number=analysis.VARIOUS_ID,
                                                       label=VARIOUS_LABEL, terms=[])
        run.clusters.append(clusters[analysis.VARIOUS_ID])
    number = max([c for c in clusters if c >= 0], default=0) + 1
    anchor_clusters: list[ConcernCluster] = []
    for offset, (old, _members) in enumerate(anchors):
        kept = ConcernCluster(number=number + offset, label=old.label, terms=list(old.terms),
                                accepted=True, focus_area_id=old.focus_area_id)
        run.clusters.append(kept)
        anchor_clusters.append(kept)
    session.flush()
    excluded = _excluded_answers(session, previous) if previous is not None else set()
    target: dict[int, int] = {}
    if result is not None:
        for row, c in zip(loose, result.assignments, strict=True):
            target[row.answer_id] = clusters[c].id if c in clusters else \
                clusters[analysis.VARIOUS_ID].id
    for row in loose:
        target.setdefault(row.answer_id, clusters[analysis.VARIOUS_ID].id)
    for answer_id, position in placed.items():
        target[answer_id] = anchor_clusters[position].id
    if rows:  # an empty list would be a one-row insert without values
        session.execute(
            insert(ConcernMembership),
            [{"run_id": run.id, "answer_id": row.answer_id,
              "excluded": row.answer_id in excluded, "cluster_id": target[row.answer_id]}
             for row in rows],
        )
    if previous is not None:
        _carry_decisions(session, previous, run)
    _describe_and_store(session, run, by_answer)
    run.status, run.progress, run.finished_at = RunStatus.DONE.value, 100, utcnow()
    session.flush()


def _vectors_for(
    session: Session, run: AnalysisRun, rows: Sequence[AnswerRow],
    checkpoint: Callable[[], None] | None,
) -> tuple[analysis.cluster.Features, dict[int, np.ndarray] | None, str]:
    """The features the run groups by, the answers' vectors (None for lexical) and why."""
    if run.params.get("lexical"):
        return "lexical", None, "asked"
    if len(rows) > MULTILINGUAL_LIMIT:
        return "lexical", None, "large"
    if len(rows) < MULTILINGUAL_MINIMUM:
        return "lexical", None, "few"

    def progress(ready: int, total: int) -> None:
        run.params = {**run.params, "prepared": ready, "to_prepare": total}
        run.progress = int(90 * ready / total) if total else 0
        session.flush()
        if checkpoint is not None and ready < total:
            checkpoint()

    try:
        matrix = vectors.prepare_vectors(session, [(r.answer_id, r.text) for r in rows],
                                         progress)
    except vectors.EmbeddingUnavailable as exc:
        log.warning("run %s groups by words: the multilingual model failed: %s", run.id, exc)
        return "lexical", None, "model_unavailable"
    return "multilingual", {r.answer_id: matrix[i] for i, r in enumerate(rows)}, ""


def describe_run(session: Session, run: AnalysisRun,
                 by_answer: Mapping[int, np.ndarray] | None = None,
                 members: dict[int | None, list[AnswerRow]] | None = None) -> None:
    """Store what the page shows of each group besides its answers, as the groups are now:
    a phrase label in each staff language drawn from its own answers, answers per language,
    and for a staff language it has no answers in, the nearest answers in that language
    from the whole dialogue (by meaning across languages when every answer has a vector).

    Run after a run and after every decision that moves answers; never on reading a page.
    """
    from analysis.embed import remove_language_component
    from analysis.labels import describe_groups

    if members is None:
        members = group_members(session, run)
    various = next((c.id for c in run.clusters if c.number == analysis.VARIOUS_ID),
                   analysis.VARIOUS_ID)
    flat = [(cluster_id if cluster_id is not None else various, row)
            for cluster_id, answers in members.items() for row in answers]
    languages = [row.language or "other" for _c, row in flat]
    if by_answer is None:
        try:
            by_answer = vectors.stored(session, [row.answer_id for _c, row in flat],
                                       vectors.current_model())
        except vectors.EmbeddingUnavailable:
            by_answer = {}
    matrix = None
    if flat and all(row.answer_id in by_answer for _c, row in flat):
        matrix = remove_language_component(
            np.vstack([by_answer[row.answer_id] for _c, row in flat]), languages)
    described = describe_groups([row.text for _c, row in flat], languages,
                                [cluster_id for cluster_id, _row in flat], vectors=matrix,
                                label_languages=LABEL_LANGUAGES,
                                skip=(analysis.VARIOUS_ID, various)) if flat else {}
    for cluster in run.clusters:
        desc = described.get(cluster.id)
        cluster.labels = dict(desc.labels) if desc else {}
        cluster.languages = dict(desc.languages) if desc else {}
        cluster.nearest = {lang: list(texts) for lang, texts in desc.nearest.items()} \
            if desc else {}
    session.flush()


def _describe_and_store(session: Session, run: AnalysisRun,
                        by_answer: Mapping[int, np.ndarray] | None = None) -> None:
    """After the groups changed: their descriptions and figures, from one read of the
    answers."""
    session.flush()
    members = group_members(session, run)
    describe_run(session, run, by_answer, members)
    store_figures(session, run, members)


def _previous_run(session: Session, run: AnalysisRun) -> AnalysisRun | None:
    return session.scalar(
        select(AnalysisRun)
        .where(AnalysisRun.dialogue_id == run.dialogue_id,
               AnalysisRun.question_id == run.question_id,
               AnalysisRun.status == RunStatus.DONE.value, AnalysisRun.id < run.id)
        .order_by(AnalysisRun.id.desc()).limit(1))


def _anchors(session: Session, run: AnalysisRun) -> list[tuple[ConcernCluster, list[int]]]:
    """The run's focus areas with the answers in them (excluded answers left out)."""
    members = group_members(session, run)
    return [(c, [r.answer_id for r in members.get(c.id, [])])
            for c in run.clusters if c.focus_area_id is not None and not c.excluded]


def _excluded_answers(session: Session, run: AnalysisRun) -> set[int]:
    return set(session.scalars(select(ConcernMembership.answer_id).where(
        ConcernMembership.run_id == run.id, ConcernMembership.excluded.is_(True))))


def _carry_decisions(session: Session, previous: AnalysisRun, run: AnalysisRun) -> None:
    """Renames, merges and exclusions of the previous run, onto the groups that match."""
    decided: dict[int, set[str]] = {}
    for decision in session.scalars(select(AnalystDecision)
                                     .where(AnalystDecision.run_id == previous.id)):
        details = decision.details or {}
        for key in ("cluster", "target"):
            if isinstance(details.get(key), int) and decision.action in (
                    "rename", "merge", "split", "exclude"):
                decided.setdefault(details[key], set()).add(decision.action)
    old_members = {cid: {r.answer_id for r in rows}
                   for cid, rows in group_members(session, previous).items() if cid is not None}
    old_by_id = {c.id: c for c in previous.clusters}
    new_members = {cid: {r.answer_id for r in rows}
                   for cid, rows in group_members(session, run).items() if cid is not None}
    matches: dict[int, list[ConcernCluster]] = {}
    for cluster in run.clusters:
        if cluster.focus_area_id is not None or cluster.number == analysis.VARIOUS_ID:
            continue
        answers = new_members.get(cluster.id, set())
        best = max(old_members, key=lambda o: len(answers & old_members[o]), default=None)
        if best is not None and answers and 2 * len(answers & old_members[best]) > len(answers):
            matches.setdefault(best, []).append(cluster)
    carried, not_carried = [], []
    for old_id, actions in decided.items():
        old = old_by_id.get(old_id)
        if old is None or old.focus_area_id is not None:
            continue  # merged away, or a focus area (those anchor the run)
        found = matches.get(old_id, [])
        if not found:
            not_carried.append({"label": old.label, "actions": sorted(actions)})
            continue
        keep, *others = found
        for other in others:
            session.execute(update(ConcernMembership)
                            .where(ConcernMembership.run_id == run.id,
                                   ConcernMembership.cluster_id == other.id)
                            .values(cluster_id=keep.id))
            session.delete(other)
        if actions & {"rename", "split", "merge"}:
            keep.label = old.label
        keep.excluded = old.excluded
        carried.append({"label": old.label, "actions": sorted(actions), "cluster": keep.id})
    run.params = {**run.params, "carried": carried, "not_carried": not_carried}
    session.flush()


def execute_run_job(run_id: int) -> None:
    """Entry point for the background worker (`dialog.jobs` gives it an app context): commits
    as vectors are stored, so the page shows the progress and nothing embedded is lost."""
    from dialog.db import db

    try:
        execute_run(db.session, run_id, checkpoint=db.session.commit)
    except Exception as exc:
        db.session.rollback()
        run = db.session.get(AnalysisRun, run_id)
        if run is not None:  # the page says it failed instead of "running" for ever
            run.status, run.error = RunStatus.FAILED.value, str(exc)[:500]
        db.session.commit()
        raise
    db.session.commit()


def _subject(session: Session, run: AnalysisRun) -> tuple[Dialogue, Question]:
    dialogue = session.get(Dialogue, run.dialogue_id)
    question = session.get(Question, run.question_id)
    if dialogue is None or question is None:
        raise ConcernError("no_cluster")
    return dialogue, question


def log_decision(session: Session, run: AnalysisRun, actor: Actor, action: str,
                 **details: Any) -> AnalystDecision:
    """Record an analyst's decision on the run, and in the one audit log.

    What a decision keeps to be undone (an old name, a merged group's answers) stays with the
    run, which retention deletes with the answers; the audit log gets the rest.
    """
    user = audit_actor(actor)
    decision = AnalystDecision(run_id=run.id, user_id=user.id if user else None,
                               action=action, details=details)
    session.add(decision)
    session.flush()
    dialogue, _question = _subject(session, run)
    audit(f"concerns.{action}", dialogue,
          {"run": run.id, **{k: v for k, v in details.items() if k != "undo"}}, actor=user,
          session=session)
    return decision


def _authorise(session: Session, run: AnalysisRun, actor: Actor) -> None:
    """Analysts decide only on runs of dialogues their organisation organises."""
    dialogue, _question = _subject(session, run)
    require(actor, Action.ANALYSE, dialogue)


def _cluster(session: Session, run: AnalysisRun, cluster_id: int) -> ConcernCluster:
    cluster = session.get(ConcernCluster, cluster_id)
    if cluster is None or cluster.run_id != run.id:
        raise ConcernError("no_cluster")
    return cluster


def _clean_label(label: str) -> str:
    if has_bad_characters(label):
        raise ConcernError("bad_characters")
    label = " ".join(label.split())[:200]
    if not label:
        raise ConcernError("empty_label")
    return label


def rename_cluster(session: Session, run: AnalysisRun, cluster_id: int, label: str,
                   user: Actor) -> None:
    _authorise(session, run, user)
    label = _clean_label(label)
    cluster = _cluster(session, run, cluster_id)
    # The label before may be the computer's, made of residents' words: only the analyst's
    # new name is shown in the log. The old one is kept only as long as the rename can be
    # undone (see `undo_decision`). A focus area's public title is edited on its own page.
    log_decision(session, run, user, "rename", cluster=cluster.id, after=label,
                 undo={"label": cluster.label})
    cluster.label = label


def merge_clusters(session: Session, run: AnalysisRun, source_id: int, target_id: int,
                   user: Actor) -> None:
    _authorise(session, run, user)
    if source_id == target_id:
        raise ConcernError("same_cluster")
    source, target = _cluster(session, run, source_id), _cluster(session, run, target_id)
    if target.excluded:
        raise ConcernError("target_excluded")
    moved = sorted(session.scalars(select(ConcernMembership.answer_id).where(
        ConcernMembership.run_id == run.id, ConcernMembership.cluster_id == source.id)))
    session.execute(update(ConcernMembership)
                    .where(ConcernMembership.run_id == run.id,
                           ConcernMembership.cluster_id == source.id)
                    .values(cluster_id=target.id))
    # What undoing needs to bring the merged group back as it was.
    log_decision(session, run, user, "merge", source=source.id, target=target.id,
                 undo={"number": source.number, "label": source.label, "terms": source.terms,
                       "examples": source.examples, "excluded": source.excluded,
                       "accepted": source.accepted, "focus_area_id": source.focus_area_id,
                       "target_had_focus_area": target.focus_area_id is not None,
                       "answers": moved})
    if target.focus_area_id is None and source.focus_area_id is not None:
        target.focus_area_id, target.accepted = source.focus_area_id, True
    session.delete(source)
    session.flush()
    session.refresh(run, ["clusters"])
    _describe_and_store(session, run)


def split_off(session: Session, run: AnalysisRun, answer_ids: Sequence[int], label: str,
              user: Actor) -> ConcernCluster:
    """Move chosen answers into a new cluster of their own."""
    _authorise(session, run, user)
    if not answer_ids:
        raise ConcernError("no_answers")
    label = _clean_label(label)
    number = (session.scalar(select(func.max(ConcernCluster.number))
                             .where(ConcernCluster.run_id == run.id)) or 0) + 1
    cluster = ConcernCluster(run_id=run.id, number=number, label=label, terms=[])
    session.add(cluster)
    session.flush()
    previous = {str(a): c for a, c in session.execute(
        select(ConcernMembership.answer_id, ConcernMembership.cluster_id).where(
            ConcernMembership.run_id == run.id,
            ConcernMembership.answer_id.in_(list(answer_ids))))}
    moved = session.execute(update(ConcernMembership)
                            .where(ConcernMembership.run_id == run.id,
                                   ConcernMembership.answer_id.in_(list(answer_ids)))
                            .values(cluster_id=cluster.id))
    log_decision(session, run, user, "split", cluster=cluster.id, label=label,
                 answers=sorted(answer_ids), moved=getattr(moved, "rowcount", None),
                 undo={"previous": previous})
    session.refresh(run, ["clusters"])
    _describe_and_store(session, run)
    return cluster


def set_excluded(session: Session, run: AnalysisRun, cluster_id: int, excluded: bool,
                 user: Actor) -> None:
    _authorise(session, run, user)
    cluster = _cluster(session, run, cluster_id)
    cluster.excluded = excluded
    log_decision(session, run, user, "exclude" if excluded else "include", cluster=cluster.id)
    store_figures(session, run)


def exclude_answers(session: Session, run: AnalysisRun, answer_ids: Sequence[int],
                    user: Actor) -> None:
    _authorise(session, run, user)
    already = set(session.scalars(select(ConcernMembership.answer_id).where(
        ConcernMembership.run_id == run.id, ConcernMembership.excluded.is_(True),
        ConcernMembership.answer_id.in_(list(answer_ids)))))
    session.execute(update(ConcernMembership)
                    .where(ConcernMembership.run_id == run.id,
                           ConcernMembership.answer_id.in_(list(answer_ids)))
                    .values(excluded=True))
    log_decision(session, run, user, "exclude_answers", answers=sorted(answer_ids),
                 undo={"newly": sorted(set(answer_ids) - already)})
    _describe_and_store(session, run)


# Decisions an analyst can take back right after, as long as nothing was decided since.
UNDOABLE = frozenset({"rename", "merge", "split", "exclude", "include", "exclude_answers"})


def last_undoable(session: Session, run: AnalysisRun) -> AnalystDecision | None:
    """The run's latest decision, when it can still be undone."""
    last = session.scalar(select(AnalystDecision).where(AnalystDecision.run_id == run.id)
                          .order_by(AnalystDecision.id.desc()).limit(1))
    return last if last is not None and _undoable(last.action, last.details) else None


def last_undoable_of(decisions: Sequence[DecisionView], run: AnalysisRun
                     ) -> DecisionView | None:
    """`last_undoable` read from the dialogue's `decisions` (newest first) the caller has."""
    last = next((d for d in decisions if d.run_id == run.id), None)
    return last if last is not None and _undoable(last.action, last.details) else None


def _undoable(action: str, details: Mapping[str, Any]) -> bool:
    if action not in UNDOABLE:
        return False
    # Every decision but an exclusion needs the data kept to undo it (older ones have none).
    return action in ("exclude", "include") or "undo" in details


def undo_decision(session: Session, run: AnalysisRun, decision_id: int,
                  user: Actor) -> AnalystDecision:
    """Take back the run's latest decision; refused once anything else was decided after it.

    The undo is itself logged, and the data kept for it (an old name, the merged group) is
    dropped from the decision, so nothing is kept longer than it is needed.
    """
    _authorise(session, run, user)
    decision = last_undoable(session, run)
    if decision is None or decision.id != decision_id:
        raise ConcernError("cannot_undo")
    details = dict(decision.details)
    data = details.pop("undo", {})
    if decision.action == "rename":
        _cluster(session, run, details["cluster"]).label = data["label"]
    elif decision.action in ("exclude", "include"):
        _cluster(session, run, details["cluster"]).excluded = decision.action == "include"
    elif decision.action == "merge":
        target = _cluster(session, run, details["target"])
        restored = ConcernCluster(
            run_id=run.id, number=data["number"], label=data["label"], terms=data["terms"],
            examples=data["examples"], excluded=data["excluded"], accepted=data["accepted"],
            focus_area_id=data["focus_area_id"])
        session.add(restored)
        session.flush()
        if data["answers"]:
            session.execute(update(ConcernMembership)
                            .where(ConcernMembership.run_id == run.id,
                                   ConcernMembership.answer_id.in_(data["answers"]))
                            .values(cluster_id=restored.id))
        if not data["target_had_focus_area"] and data["focus_area_id"] is not None:
            target.focus_area_id, target.accepted = None, False
    elif decision.action == "split":
        cluster = _cluster(session, run, details["cluster"])
        for answer_id, cluster_id in data["previous"].items():
            session.execute(update(ConcernMembership)
                            .where(ConcernMembership.run_id == run.id,
                                   ConcernMembership.answer_id == int(answer_id))
                            .values(cluster_id=cluster_id))
        session.delete(cluster)
    elif decision.action == "exclude_answers" and data["newly"]:
        session.execute(update(ConcernMembership)
                        .where(ConcernMembership.run_id == run.id,
                               ConcernMembership.answer_id.in_(data["newly"]))
                        .values(excluded=False))
    decision.details = details
    session.flush()
    if decision.action in ("merge", "split", "exclude_answers"):
        session.refresh(run, ["clusters"])
        _describe_and_store(session, run)
    else:  # an exclusion undone changes the shares and breakdowns
        store_figures(session, run)
    return log_decision(session, run, user, "undo", of=decision.id, undone=decision.action)


@dataclass(frozen=True)
class ClusterView:
    id: int
    number: int
    label: str
    terms: list[str]
    size: int
    share: float
    examples: list[str]
    groups: dict[str, int | str]
    flags: list[str]  # groups that raise this concern significantly more often
    excluded: bool
    accepted: bool
    focus_area_id: int | None = None


def group_members(session: Session, run: AnalysisRun) -> dict[int | None, list[AnswerRow]]:
    """Current (non-excluded) answers per cluster id; None is "various"."""
    dialogue, question = _subject(session, run)
    rows = {r.answer_id: r for r in answer_rows(session, dialogue, question)}
    members = session.execute(select(ConcernMembership.answer_id, ConcernMembership.cluster_id)
                              .where(ConcernMembership.run_id == run.id,
                                     ConcernMembership.excluded.is_(False))
                              .order_by(ConcernMembership.answer_id)).all()
    by_cluster: dict[int | None, list[AnswerRow]] = {}
    for answer_id, cluster_id in members:
        if answer_id in rows:
            by_cluster.setdefault(cluster_id, []).append(rows[answer_id])
    return by_cluster


def _computed_views(run: AnalysisRun, by_cluster: dict[int | None, list[AnswerRow]],
                    ) -> tuple[list[ClusterView], int]:
    """The clusters' figures computed from their answers (see `cluster_views`)."""
    excluded = {c.id for c in run.clusters if c.excluded}
    counted = {cid: rows for cid, rows in by_cluster.items() if cid not in excluded}
    total = sum(len(v) for v in counted.values())
    assignments = [cid if cid is not None else -1 for cid, v in counted.items() for _ in v]
    genders = [r.gender for v in counted.values() for r in v]
    table = analysis.breakdown(assignments, genders) if assignments else None
    views = []
    for cluster in run.clusters:
        answers = by_cluster.get(cluster.id, [])
        groups: dict[str, int | str] = {}
        flags: list[str] = []
        # A cluster whose small cells its size alone would reveal gets no breakdown at all.
        if table is not None and cluster.id in counted and cluster.id not in table.exposed:
            row = table.row(cluster.id)
            groups = dict(row.counts())
            flags = [cell.group for cell in row.cells if cell.raises_more]
        views.append(ClusterView(
            id=cluster.id, number=cluster.number, label=cluster.label, terms=cluster.terms,
            size=len(answers), share=len(answers) / total if total and cluster.id in counted
            else 0.0,
            examples=list(cluster.examples) or [masked(r.text) for r in answers[:3]],
            groups=groups, flags=flags, excluded=cluster.excluded, accepted=cluster.accepted,
            focus_area_id=cluster.focus_area_id,
        ))
    views.sort(key=lambda v: (v.excluded, -v.size))
    return views, total


def _stored_views(run: AnalysisRun) -> tuple[list[ClusterView], int]:
    total = run.counted or 0
    views = [ClusterView(
        id=c.id, number=c.number, label=c.label, terms=c.terms, size=c.size,
        share=c.size / total if total and not c.excluded and c.size else 0.0,
        examples=list(c.shown_examples), groups=dict(c.breakdown), flags=list(c.flags),
        excluded=c.excluded, accepted=c.accepted, focus_area_id=c.focus_area_id,
    ) for c in run.clusters]
    views.sort(key=lambda v: (v.excluded, -v.size))
    return views, total


def cluster_views(session: Session, run: AnalysisRun,
                  members: dict[int | None, list[AnswerRow]] | None = None,
                  ) -> tuple[list[ClusterView], int]:
    """Clusters with sizes, masked examples and suppressed gender breakdowns; and the total.

    Excluded clusters are left out of the breakdown, so the shares compare like with like.
    Read as `store_figures` kept them (a few rows whatever the number of answers); computed
    from the answers for a run from before they were kept, or when the caller passes
    `members` (`group_members(session, run)`).
    """
    if members is None and run.counted is not None:
        return _stored_views(run)
    return _computed_views(run, members if members is not None else group_members(session, run))


def store_figures(session: Session, run: AnalysisRun,
                  members: dict[int | None, list[AnswerRow]] | None = None) -> None:
    """Keep what the concerns page shows of the run's groups, as they are now: sizes, gender
    breakdowns, shown examples, changes since a focus area's figures were published, and
    the answers placed and counted. Run after a run and after every decision; reading the
    page then reads these rows instead of every answer. `members`: `group_members(session,
    run)` when the caller has it, as the groups are now."""
    session.flush()
    if members is None:
        members = group_members(session, run)
    views, total = _computed_views(run, members)
    by_id = {v.id: v for v in views}
    areas = {a.id: a for a in session.scalars(select(FocusArea).where(FocusArea.id.in_(
        [c.focus_area_id for c in run.clusters if c.focus_area_id is not None])))}
    for cluster in run.clusters:
        view = by_id[cluster.id]
        cluster.size, cluster.breakdown, cluster.flags = view.size, view.groups, view.flags
        cluster.shown_examples = view.examples
        area = areas.get(cluster.focus_area_id) if cluster.focus_area_id else None
        cluster.changed = changes_since_published(session, run, cluster, area, members) \
            if area is not None else None
    run.counted = total
    run.placed = int(session.scalar(select(func.count()).select_from(ConcernMembership)
                                    .where(ConcernMembership.run_id == run.id)) or 0)
    session.flush()


def cluster_answers(session: Session, run: AnalysisRun, cluster_id: int) -> list[AnswerRow]:
    return group_members(session, run).get(cluster_id, [])


def cluster_answer_page(session: Session, run: AnalysisRun, cluster_id: int, number: int,
                        size: int = PAGE_SIZE) -> Page[AnswerRow]:
    """One page of a group's (non-excluded) answers, in the order `cluster_answers` gives:
    two statements whatever the size of the group."""
    dialogue, question = _subject(session, run)
    in_group = (ConcernMembership.run_id == run.id, ConcernMembership.cluster_id == cluster_id,
                ConcernMembership.excluded.is_(False))
    total = int(session.scalar(select(func.count()).select_from(ConcernMembership)
                               .where(*in_group)) or 0)
    pages = max(1, -(-total // size))
    number = min(max(1, number), pages)
    # The page's answer ids from the group's memberships first, so the answers read are
    # those 50 and not every answer to the question.
    chosen = (select(ConcernMembership.answer_id).where(*in_group)
              .order_by(ConcernMembership.answer_id).offset((number - 1) * size).limit(size))
    query = _answer_query(dialogue, question).where(Answer.id.in_(chosen))
    return Page(_answer_row_list(session, query), number, pages, total)


def new_answers(session: Session, run: AnalysisRun) -> list[AnswerRow]:
    """Answers that arrived after the run and are not placed in it yet."""
    if run.status != RunStatus.DONE:
        return []
    dialogue, question = _subject(session, run)
    known = set(session.scalars(select(ConcernMembership.answer_id)
                                .where(ConcernMembership.run_id == run.id)))
    return [r for r in answer_rows(session, dialogue, question) if r.answer_id not in known]


def count_new_answers(session: Session, run: AnalysisRun, answers: int | None = None) -> int:
    """How many answers arrived after the run and are not placed in it yet (counted in the
    database: the page says it on every visit). `answers`: `count_answers` of the run's
    question, when the caller has it already."""
    if run.status != RunStatus.DONE:
        return 0
    if run.placed is not None:
        # Every placed answer is still counted by `count_answers` (answers are deleted only
        # with their dialogue's runs), so the difference is the answers not placed yet.
        if answers is None:
            _dialogue, question = _subject(session, run)
            answers = count_answers(session, question)
        return max(0, answers - run.placed)
    placed = select(ConcernMembership.answer_id).where(ConcernMembership.run_id == run.id,
                                                       ConcernMembership.answer_id == Answer.id)
    return int(session.scalar(select(func.count(Answer.id)).where(
        Answer.question_id == run.question_id, Answer.text.is_not(None),
        func.trim(Answer.text) != "", ~placed.exists())) or 0)


def assign_new_answers(session: Session, run: AnalysisRun, user: Actor) -> int:
    """Put answers that arrived after the run into the accepted focus areas, or nowhere.

    An analyst's deliberate step (never a side effect of reading a page). The model is built
    from the analyst's final groups (after renames, merges and splits), not from the raw
    clustering, so later answers follow the analyst's decisions. Public figures do not change
    here: see `publish_figures`.
    """
    _authorise(session, run, user)
    accepted = [c for c in run.clusters if c.accepted and not c.excluded]
    various = next((c.id for c in run.clusters if c.number == analysis.VARIOUS_ID), None)
    new = new_answers(session, run)
    if not new:
        return 0
    targets = [analysis.VARIOUS_ID] * len(new)
    if accepted:
        by_cluster = group_members(session, run)
        model = analysis.build_assigner(
            {c.id: [r.text for r in by_cluster.get(c.id, [])] for c in accepted},
            labels={c.id: c.label for c in accepted}, seed=run.seed)
        targets = analysis.assign([r.text for r in new], model)
    session.execute(insert(ConcernMembership), [
        {"run_id": run.id, "answer_id": r.answer_id, "excluded": False,
         "cluster_id": target if target != analysis.VARIOUS_ID else various}
        for r, target in zip(new, targets, strict=True)])
    log_decision(session, run, user, "place_answers", count=len(new))
    _describe_and_store(session, run)
    return len(new)


def promote(session: Session, run: AnalysisRun, cluster_id: int, user: Actor,
            title: Mapping[str, str] | str) -> FocusArea:
    """Accept a group as a focus area that promises can reference; later answers join it.

    The public title is the analyst's own (`title`), never the group's label: a label is made
    of residents' words and is not checked by anyone. The figures are published now, rounded
    and suppressed (`publish_figures`); they change later only when an analyst updates them.
    """
    _authorise(session, run, user)
    cluster = _cluster(session, run, cluster_id)
    if cluster.number == analysis.VARIOUS_ID:
        raise ConcernError("various")
    if cluster.excluded:
        raise ConcernError("excluded")
    if cluster.focus_area_id is not None:
        raise ConcernError("already_promoted")
    dialogue, _question = _subject(session, run)
    titles = {dialogue.source_language: title} if isinstance(title, str) else dict(title)
    titles = {lang: " ".join(text.split())[:200] for lang, text in titles.items()}
    if not any(titles.values()):
        raise ConcernError("empty_title")
    cluster.accepted = True
    area = create_focus_area(session, {k: v for k, v in titles.items() if v},
                             dialogue_id=dialogue.id)
    cluster.focus_area_id = area.id
    members = group_members(session, run)  # a promotion moves no answer
    _publish(session, run, cluster, area, members)
    log_decision(session, run, user, "promote", cluster=cluster.id, focus_area=area.id)
    store_figures(session, run, members)
    return area


def _members(session: Session, run: AnalysisRun, cluster: ConcernCluster) -> list[AnswerRow]:
    return group_members(session, run).get(cluster.id, [])


def _publish(session: Session, run: AnalysisRun, cluster: ConcernCluster,
             area: FocusArea, members: dict[int | None, list[AnswerRow]]) -> None:
    rows = members.get(cluster.id, [])
    genders = Counter(r.gender for r in rows)
    figures = analysis.publishable(len(rows), {g: genders.get(g, 0) for g in _gender_keys(
        session, run, genders)})
    # Under five the size is kept as it is: every page shows it as "<5" (shown_count).
    area.size = figures.size if isinstance(figures.size, int) else len(rows)
    area.gender_breakdown = dict(figures.cells) or None
    area.published_members = sorted(r.answer_id for r in rows)
    area.published_at = utcnow()


def _gender_keys(session: Session, run: AnalysisRun, seen: Counter[str]) -> list[str]:
    """The gender question's options (all of them, zeros included), then anything else seen."""
    dialogue, _question = _subject(session, run)
    keys: list[str] = []
    question = gender_question(dialogue)
    if question is not None:
        from surveys.questions import FIXED_OPTIONS, AnswerType

        keys = [key for key, _label in FIXED_OPTIONS[AnswerType.GENDER]]
    return keys + sorted(k for k in seen if k not in keys)


def changes_since_published(session: Session, run: AnalysisRun, cluster: ConcernCluster,
                            area: FocusArea,
                            members: dict[int | None, list[AnswerRow]] | None = None) -> int:
    """How many answers joined or left the group since its figures were published."""
    rows = members.get(cluster.id, []) if members is not None \
        else _members(session, run, cluster)
    now = {r.answer_id for r in rows}
    return len(now ^ set(area.published_members or ()))


_AREAS = select(FocusArea).where(FocusArea.id.in_(bindparam("ids", expanding=True)))
_AREAS_WITHOUT_MEMBERS = _AREAS.options(defer(FocusArea.published_members))


@dataclass(frozen=True)
class Promoted:
    """A group promoted to a focus area, as `store_figures` kept it."""

    cluster_id: int
    focus_area_id: int
    changed: int | None  # answers that joined or left it since its figures were published


def promoted_groups(run: AnalysisRun) -> list[Promoted]:
    return [Promoted(c.id, c.focus_area_id, c.changed) for c in run.clusters
            if c.focus_area_id is not None]


def published_areas(session: Session, run: AnalysisRun,
                    promoted: Sequence[Promoted] | None = None,
                    ) -> dict[int, tuple[FocusArea, int]]:
    """Per group promoted to a focus area: the area, and how many answers joined or left the
    group since its figures were published (as `store_figures` kept it; computed for a run
    from before it was kept). `promoted`: `promoted_groups(run)`, when the caller has it."""
    if promoted is None:
        promoted = promoted_groups(run)
    if not promoted:
        return {}
    members = group_members(session, run) if run.counted is None else None
    # Without the published answers (a long list) when the page does not read them.
    query = _AREAS if members is not None else _AREAS_WITHOUT_MEMBERS
    areas = {a.id: a for a in session.scalars(
        query, {"ids": [p.focus_area_id for p in promoted]})}
    clusters = {c.id: c for c in run.clusters} if members is not None else {}
    out = {}
    for group in promoted:
        area = areas.get(group.focus_area_id)
        if area is None:
            continue
        changed = group.changed if members is None and group.changed is not None \
            else changes_since_published(session, run, clusters[group.cluster_id], area,
                                         members)
        out[group.cluster_id] = (area, changed)
    return out


def publish_figures(session: Session, run: AnalysisRun, cluster_id: int,
                    user: Actor) -> FocusArea:
    """Update a focus area's public figures, as an analyst's deliberate act.

    Refused until at least REPUBLISH_MIN_CHANGES answers have joined or left the group since
    the last publication: two versions that differ by a few answers would tell anyone who
    sent those answers (or knows who did) what the hidden small counts were.
    """
    _authorise(session, run, user)
    cluster = _cluster(session, run, cluster_id)
    area = session.get(FocusArea, cluster.focus_area_id) if cluster.focus_area_id else None
    if area is None:
        raise ConcernError("not_promoted")
    members = group_members(session, run)
    changed = changes_since_published(session, run, cluster, area, members)
    if changed < REPUBLISH_MIN_CHANGES:
        raise ConcernError("too_few_changes")
    _publish(session, run, cluster, area, members)
    log_decision(session, run, user, "publish", cluster=cluster.id, focus_area=area.id,
                 changed=changed)
    store_figures(session, run, members)
    return area


def latest_run(session: Session, dialogue: Dialogue) -> AnalysisRun | None:
    return session.scalar(select(AnalysisRun).where(AnalysisRun.dialogue_id == dialogue.id)
                          .order_by(AnalysisRun.id.desc()).limit(1))


@dataclass(frozen=True)
class DecisionView:
    created_at: Any
    user_email: str
    action: str
    details: dict[str, Any]
    id: int = 0
    run_id: int = 0


_DECISIONS = (select(AnalystDecision, User.email)
              .join(AnalysisRun, AnalysisRun.id == AnalystDecision.run_id)
              .outerjoin(User, User.id == AnalystDecision.user_id)
              .where(AnalysisRun.dialogue_id == bindparam("dialogue_id"))
              .order_by(AnalystDecision.id.desc()))


def groups_version(run: AnalysisRun, decided: Sequence[DecisionView]) -> Hashable | None:
    """What tells every stored state of a finished run's groups apart (`fragments.kept_value`),
    from the run's row and `decisions(session, run)`: the groups' rows change only when the
    run finishes (its time) and with a decision (`log_decision`, also for an undo), and the
    run's own figures are in its row. None for a run whose figures were not kept: those are
    computed from the answers on every visit."""
    if run.status != RunStatus.DONE.value or run.counted is None:
        return None
    return (run.id, run.finished_at, run.version, run.counted, run.placed,
            tuple(d.id for d in decided if d.run_id == run.id))


def decisions(session: Session, run: AnalysisRun) -> list[DecisionView]:
    """Every decision on every run of the run's dialogue, newest first: a new run keeps them."""
    rows = session.execute(_DECISIONS, {"dialogue_id": run.dialogue_id})
    return [DecisionView(d.created_at, email or "", d.action, d.details, d.id, d.run_id)
            for d, email in rows]
