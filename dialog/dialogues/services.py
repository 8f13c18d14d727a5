"""Business rules for dialogues, callable without HTTP."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from dialog.db import today
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus
from dialog.paging import Page, paginate
from surveys.models import Question, Questionnaire


def get_dialogue(session: Session, slug: str) -> Dialogue | None:
    # No stored slug holds a NUL or is that long, and PostgreSQL refuses NUL in a query.
    if "\x00" in slug or len(slug) > 80:
        return None
    # One round trip: the dialogue, its questionnaire, questions and their options joined.
    # Organisers load on first use: the submit path, the busiest one, never needs them.
    return session.scalars(
        select(Dialogue)
        .where(Dialogue.slug == slug)
        .options(
            joinedload(Dialogue.questionnaire)
            .joinedload(Questionnaire.questions)
            .joinedload(Question.options),
        )
    ).unique().one_or_none()


def public_dialogues(session: Session) -> list[Dialogue]:
    """Open dialogues anyone may answer, newest first; targeted ones are never listed."""
    candidates = session.scalars(
        select(Dialogue)
        .where(
            Dialogue.status == DialogueStatus.OPEN,
            Dialogue.kind.in_([DialogueKind.OPEN, DialogueKind.FOLLOW_UP]),
        )
        .options(selectinload(Dialogue.organisers))
        .order_by(Dialogue.created_at.desc(), Dialogue.id.desc())
    )
    return [d for d in candidates if d.accepts_answers(today())]


def _staff_query() -> Select[Any]:
    return (select(Dialogue)
            .options(selectinload(Dialogue.organisers))
            .order_by(Dialogue.created_at.desc(), Dialogue.id.desc()))


def staff_dialogues(session: Session) -> list[Dialogue]:
    return list(session.scalars(_staff_query()))


def staff_dialogue_page(session: Session, number: int) -> Page[Dialogue]:
    """One page of every dialogue, newest first (50 a page)."""
    return paginate(session, _staff_query(), number)
