"""Running the analysis on a dialogue's free-text answers and recording analysts' decisions.

The clustering itself lives in `analysis/`; this module feeds it the answers, stores what it
returns so a run can be reproduced, and applies the analyst's renames, merges, splits and
exclusions on top of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, aliased

import analysis
from dialog.accounts.models import User
from dialog.authz import Action, Actor, audit_actor, require
from dialog.concerns.models import (
    AnalysisRun,
    AnalystDecision,
    ConcernCluster,
    ConcernMembership,
    RunStatus,
)
from dialog.db import utcnow
from dialog.dialogues.models import Dialogue
from dialog.promises.models import FocusArea
from dialog.promises.services import create_focus_area
from surveys.models import Answer, Question, Response

UNKNOWN_GROUP = "unknown"
# Above this many answers, a run goes to the background worker (when one is configured).
BACKGROUND_THRESHOLD = 1500


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


def answer_rows(session: Session, dialogue: Dialogue, question: Question) -> list[AnswerRow]:
    """Every non-empty answer to `question`, with the respondent's language and gender."""
    gender_q = gender_question(dialogue)
    gender_answer = aliased(Answer)
    query = (
        select(Answer.id, Answer.text, Response.language, gender_answer.choices)
        .join(Response, Answer.response_id == Response.id)
        .outerjoin(gender_answer, (gender_answer.response_id == Response.id)
                   & (gender_answer.question_id == (gender_q.id if gender_q else -1)))
        .where(Answer.question_id == question.id, Answer.text.is_not(None))
        .order_by(Answer.id)
    )
    return [
        AnswerRow(answer_id, text, language or "", (choices or [UNKNOWN_GROUP])[0])
        for answer_id, text, language, choices in session.execute(query)
        if text and text.strip()
    ]


def _languages(rows: Sequence[AnswerRow]) -> list[str]:
    """The library knows Swedish and English; other languages are treated alike."""
    return [r.language if r.language in ("sv", "en") else "other" for r in rows]


def masked(text: str) -> str:
    """Free text as anyone may see it: personal details replaced by placeholders."""
    return analysis.mask_pii(text)


def start_run(session: Session, dialogue: Dialogue, question: Question, actor: Actor,
              *, k: int | None = None, seed: int = 0) -> AnalysisRun:
    require(actor, Action.ANALYSE, dialogue)
    user = audit_actor(actor)
    if (question.questionnaire_id != dialogue.questionnaire_id
            or question.answer_type != "long_text"):
        raise ConcernError("not_a_text_question")
    run = AnalysisRun(dialogue_id=dialogue.id, question_id=question.id, seed=seed,
                      params={"k": k, "language": "auto"}, created_by_id=user.id if user else None)
    session.add(run)
    session.flush()
    return run


def execute_run(session: Session, run_id: int) -> None:
    """Cluster the answers of a stored run and save the result (also run by the worker)."""
    run = session.get(AnalysisRun, run_id)
    if run is None or run.status == RunStatus.DONE:
        return
    dialogue, question = _subject(session, run)
    run.status = RunStatus.RUNNING.value
    rows = answer_rows(session, dialogue, question)
    try:
        result = analysis.cluster_texts([r.text for r in rows], languages=_languages(rows),
                                        k=run.params.get("k"), seed=run.seed)
    except ValueError as exc:
        run.status, run.error = RunStatus.FAILED.value, str(exc)[:500]
        session.flush()
        return
    run.version = analysis.__version__
    run.params = {**run.params, **result.params}
    run.model = result.model
    run.answer_count = len(rows)
    clusters: dict[int, ConcernCluster] = {}
    for cluster in result.clusters:
        clusters[cluster.id] = ConcernCluster(number=cluster.id, label=cluster.label,
                                              terms=list(cluster.terms),
                                              examples=list(cluster.examples))
        run.clusters.append(clusters[cluster.id])
    session.flush()
    session.execute(
        insert(ConcernMembership),
        [{"run_id": run.id, "answer_id": row.answer_id, "excluded": False,
          "cluster_id": clusters[c].id if c in clusters else None}
         for row, c in zip(rows, result.assignments, strict=True)],
    )
    run.status, run.progress, run.finished_at = RunStatus.DONE.value, 100, utcnow()
    session.flush()


def execute_run_job(run_id: int) -> None:
    """Entry point for the background worker (`dialog.jobs` gives it an app context)."""
    from dialog.db import db

    execute_run(db.session, run_id)
    db.session.commit()


def _subject(session: Session, run: AnalysisRun) -> tuple[Dialogue, Question]:
    dialogue = session.get(Dialogue, run.dialogue_id)
    question = session.get(Question, run.question_id)
    if dialogue is None or question is None:
        raise ConcernError("no_cluster")
    return dialogue, question


def log_decision(session: Session, run: AnalysisRun, actor: Actor, action: str,
                 **details: Any) -> None:
    user = audit_actor(actor)
    session.add(AnalystDecision(run_id=run.id, user_id=user.id if user else None,
                                action=action, details=details))


def _authorise(session: Session, run: AnalysisRun, actor: Actor) -> None:
    """Analysts decide only on runs of dialogues their organisation organises."""
    dialogue, _question = _subject(session, run)
    require(actor, Action.ANALYSE, dialogue)


def _cluster(session: Session, run: AnalysisRun, cluster_id: int) -> ConcernCluster:
    cluster = session.get(ConcernCluster, cluster_id)
    if cluster is None or cluster.run_id != run.id:
        raise ConcernError("no_cluster")
    return cluster


def rename_cluster(session: Session, run: AnalysisRun, cluster_id: int, label: str,
                   user: Actor) -> None:
    _authorise(session, run, user)
    label = " ".join(label.split())[:200]
    if not label:
        raise ConcernError("empty_label")
    cluster = _cluster(session, run, cluster_id)
    log_decision(session, run, user, "rename", cluster=cluster.id, before=cluster.label,
                 after=label)
    cluster.label = label
    area = session.get(FocusArea, cluster.focus_area_id) if cluster.focus_area_id else None
    if area is not None:  # the focus area keeps the analyst's name in the source language
        dialogue, _question = _subject(session, run)
        area.title = {**area.title, dialogue.source_language: label}


def merge_clusters(session: Session, run: AnalysisRun, source_id: int, target_id: int,
                   user: Actor) -> None:
    _authorise(session, run, user)
    if source_id == target_id:
        raise ConcernError("same_cluster")
    source, target = _cluster(session, run, source_id), _cluster(session, run, target_id)
    session.execute(update(ConcernMembership)
                    .where(ConcernMembership.run_id == run.id,
                           ConcernMembership.cluster_id == source.id)
                    .values(cluster_id=target.id))
    log_decision(session, run, user, "merge", source=source.id, source_label=source.label,
                 target=target.id, target_label=target.label)
    if target.focus_area_id is None and source.focus_area_id is not None:
        target.focus_area_id, target.accepted = source.focus_area_id, True
    session.delete(source)
    session.flush()
    sync_focus_areas(session, run)


def split_off(session: Session, run: AnalysisRun, answer_ids: Sequence[int], label: str,
              user: Actor) -> ConcernCluster:
    """Move chosen answers into a new cluster of their own."""
    _authorise(session, run, user)
    label = " ".join(label.split())[:200]
    if not answer_ids:
        raise ConcernError("no_answers")
    if not label:
        raise ConcernError("empty_label")
    number = (session.scalar(select(func.max(ConcernCluster.number))
                             .where(ConcernCluster.run_id == run.id)) or 0) + 1
    cluster = ConcernCluster(run_id=run.id, number=number, label=label, terms=[])
    session.add(cluster)
    session.flush()
    moved = session.execute(update(ConcernMembership)
                            .where(ConcernMembership.run_id == run.id,
                                   ConcernMembership.answer_id.in_(list(answer_ids)))
                            .values(cluster_id=cluster.id))
    log_decision(session, run, user, "split", cluster=cluster.id, label=label,
                 answers=sorted(answer_ids), moved=getattr(moved, "rowcount", None))
    sync_focus_areas(session, run)
    return cluster


def set_excluded(session: Session, run: AnalysisRun, cluster_id: int, excluded: bool,
                 user: Actor) -> None:
    _authorise(session, run, user)
    cluster = _cluster(session, run, cluster_id)
    cluster.excluded = excluded
    log_decision(session, run, user, "exclude" if excluded else "include", cluster=cluster.id,
                 label=cluster.label)
    sync_focus_areas(session, run)


def exclude_answers(session: Session, run: AnalysisRun, answer_ids: Sequence[int],
                    user: Actor) -> None:
    _authorise(session, run, user)
    session.execute(update(ConcernMembership)
                    .where(ConcernMembership.run_id == run.id,
                           ConcernMembership.answer_id.in_(list(answer_ids)))
                    .values(excluded=True))
    log_decision(session, run, user, "exclude_answers", answers=sorted(answer_ids))
    sync_focus_areas(session, run)


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


def cluster_views(session: Session, run: AnalysisRun) -> tuple[list[ClusterView], int]:
    """Clusters with sizes, masked examples and suppressed gender breakdowns; and the total.

    Excluded clusters are left out of the breakdown, so the shares compare like with like.
    """
    by_cluster = group_members(session, run)
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


def cluster_answers(session: Session, run: AnalysisRun, cluster_id: int) -> list[AnswerRow]:
    return group_members(session, run).get(cluster_id, [])


def assign_new_answers(session: Session, run: AnalysisRun) -> int:
    """Put answers that arrived after the run into the accepted focus areas, or nowhere.

    The model is built from the analyst's final groups (after renames, merges and splits),
    not from the raw clustering, so later answers follow the analyst's decisions.
    """
    accepted = [c for c in run.clusters if c.accepted and not c.excluded]
    various = next((c.id for c in run.clusters if c.number == analysis.VARIOUS_ID), None)
    if not accepted or run.status != RunStatus.DONE:
        return 0
    dialogue, question = _subject(session, run)
    known = set(session.scalars(select(ConcernMembership.answer_id)
                                .where(ConcernMembership.run_id == run.id)))
    new = [r for r in answer_rows(session, dialogue, question) if r.answer_id not in known]
    if not new:
        return 0
    by_cluster = group_members(session, run)
    model = analysis.build_assigner(
        {c.id: [r.text for r in by_cluster.get(c.id, [])] for c in accepted},
        labels={c.id: c.label for c in accepted}, seed=run.seed)
    targets = analysis.assign([r.text for r in new], model)
    session.execute(insert(ConcernMembership), [
        {"run_id": run.id, "answer_id": r.answer_id, "excluded": False,
         "cluster_id": target if target != analysis.VARIOUS_ID else various}
        for r, target in zip(new, targets, strict=True)])
    sync_focus_areas(session, run)
    return len(new)


def promote(session: Session, run: AnalysisRun, cluster_id: int, user: Actor) -> FocusArea:
    """Accept a group as a focus area that promises can reference; later answers join it.

    The focus area carries the group's size and its gender breakdown as shown to analysts,
    small cells already suppressed, so a public promise page never sees raw counts.
    Promoting a group again refreshes its figures instead of making a second focus area.
    """
    _authorise(session, run, user)
    cluster = _cluster(session, run, cluster_id)
    if cluster.number == analysis.VARIOUS_ID:
        raise ConcernError("various")
    if cluster.excluded:
        raise ConcernError("excluded")
    cluster.accepted = True
    area = session.get(FocusArea, cluster.focus_area_id) if cluster.focus_area_id else None
    if area is None:
        dialogue, _question = _subject(session, run)
        area = create_focus_area(session, {dialogue.source_language: cluster.label},
                                 dialogue_id=dialogue.id)
        cluster.focus_area_id = area.id
    sync_focus_areas(session, run)
    log_decision(session, run, user, "promote", cluster=cluster.id, label=cluster.label,
                 size=area.size, focus_area=area.id)
    return area


def sync_focus_areas(session: Session, run: AnalysisRun) -> None:
    """Copy each promoted group's current size and suppressed breakdown to its focus area."""
    linked = {c.id: c.focus_area_id for c in run.clusters if c.focus_area_id is not None}
    if not linked:
        return
    views, _total = cluster_views(session, run)
    for view in views:
        area_id = linked.get(view.id)
        area = session.get(FocusArea, area_id) if area_id is not None else None
        if area is not None:
            area.size = view.size
            area.gender_breakdown = dict(view.groups) or None


def latest_run(session: Session, dialogue: Dialogue) -> AnalysisRun | None:
    return session.scalar(select(AnalysisRun).where(AnalysisRun.dialogue_id == dialogue.id)
                          .order_by(AnalysisRun.id.desc()).limit(1))


@dataclass(frozen=True)
class DecisionView:
    created_at: Any
    user_email: str
    action: str
    details: dict[str, Any]


def decisions(session: Session, run: AnalysisRun) -> list[DecisionView]:
    rows = session.execute(select(AnalystDecision, User.email)
                           .outerjoin(User, User.id == AnalystDecision.user_id)
                           .where(AnalystDecision.run_id == run.id)
                           .order_by(AnalystDecision.id.desc()))
    return [DecisionView(d.created_at, email or "", d.action, d.details) for d, email in rows]
