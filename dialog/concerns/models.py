"""An analysis run over one free-text question, its clusters, and every analyst decision."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialog.db import Base, utcnow


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class AnalysisRun(Base):
    """One clustering of a question's answers, stored with what is needed to reproduce it."""

    __tablename__ = "analysis_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogue.id", ondelete="CASCADE"),
                                             index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10), default=RunStatus.QUEUED.value)
    progress: Mapped[int] = mapped_column(default=0)
    seed: Mapped[int] = mapped_column(default=0)
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[str] = mapped_column(String(40), default="")
    answer_count: Mapped[int] = mapped_column(default=0)
    # What the page shows of the run as a whole, kept by `store_figures` after the run and
    # after every decision (None: a run from before they were kept, computed on reading):
    # answers placed in the run (excluded ones too), and answers counted in the shares.
    placed: Mapped[int | None] = mapped_column()
    counted: Mapped[int | None] = mapped_column()
    # What the library needs to assign later answers without clustering again; hundreds of
    # kilobytes at 20,000 answers, so loaded only when read (never by the concerns page).
    model: Mapped[dict[str, Any] | None] = mapped_column(deferred=True)
    error: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()

    clusters: Mapped[list[ConcernCluster]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="ConcernCluster.number")


class ConcernCluster(Base):
    __tablename__ = "concern_cluster"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("analysis_run.id", ondelete="CASCADE"),
                                        index=True)
    number: Mapped[int] = mapped_column()  # the library's cluster id; -1 is "various"
    label: Mapped[str] = mapped_column(String(200))
    terms: Mapped[list[str]] = mapped_column(default=list)
    # Representative answers (closest to the centre), personal details already masked.
    examples: Mapped[list[str]] = mapped_column(default=list)
    excluded: Mapped[bool] = mapped_column(default=False)
    accepted: Mapped[bool] = mapped_column(default=False)  # promoted to a focus area
    # What the page shows of the group besides its answers, computed when the run is made and
    # after every decision that moves answers (`describe_run`), so reading the page computes
    # nothing: phrase label per staff language ("sv", "en"), answers per language, and the
    # nearest answers in a staff language the group has no answers in (masked).
    labels: Mapped[dict[str, Any]] = mapped_column(default=dict)
    languages: Mapped[dict[str, Any]] = mapped_column(default=dict)
    nearest: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The group's figures as the page shows them, kept with the run's (`store_figures`):
    # answers in it, the suppressed gender breakdown and its significant differences, the
    # examples shown, and for a focus area the answers that joined or left it since its
    # figures were published.
    size: Mapped[int] = mapped_column(default=0)
    breakdown: Mapped[dict[str, Any]] = mapped_column(default=dict)
    flags: Mapped[list[str]] = mapped_column(default=list)
    shown_examples: Mapped[list[str]] = mapped_column(default=list)
    changed: Mapped[int | None] = mapped_column()
    # The focus area the group became; promises reference that, never the cluster itself.
    focus_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("focus_area.id", ondelete="SET NULL"), index=True)

    run: Mapped[AnalysisRun] = relationship(back_populates="clusters")


class ConcernMembership(Base):
    """Which cluster an answer is in (no row: not part of the run; cluster NULL: various)."""

    __tablename__ = "concern_membership"

    run_id: Mapped[int] = mapped_column(ForeignKey("analysis_run.id", ondelete="CASCADE"),
                                        primary_key=True)
    # Indexed on its own (the key leads with the run): deleting answers (retention, erasure)
    # finds their memberships through it instead of reading every membership per answer.
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"),
                                           primary_key=True, index=True)
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("concern_cluster.id", ondelete="SET NULL"), index=True)
    excluded: Mapped[bool] = mapped_column(default=False)


class AnalystDecision(Base):
    """Who decided what, when: renames, merges, splits, exclusions, promotions."""

    __tablename__ = "analyst_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("analysis_run.id", ondelete="CASCADE"),
                                        index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(30))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AnswerVector(Base):
    """An answer's multilingual sentence vector, computed once and reused by every run.

    `model` names the model and its version (`analysis.embed.model_id()`): a vector made by
    another model is made again. The row goes with its answer (ON DELETE CASCADE), so
    retention and deleting answers remove it too.
    """

    __tablename__ = "answer_vector"

    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"),
                                           primary_key=True)
    model: Mapped[str] = mapped_column(String(100))
    # float32, little-endian, one value per dimension
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
