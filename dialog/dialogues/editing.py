"""Staff actions on dialogues and their questionnaires, callable without HTTP."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dialog.accounts.models import Organisation
from dialog.authz import Action, Actor, SystemActor, can, require
from dialog.db import today
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus
from surveys.models import Question, Questionnaire, QuestionOption, Response
from surveys.questions import STORED_OPTION_TYPES, AnswerType
from surveys.responses import AnswerValue, record_response

# The lifecycle: draft -> open -> closed -> results fed back (and back to open from closed).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DialogueStatus.DRAFT: (DialogueStatus.OPEN,),
    DialogueStatus.OPEN: (DialogueStatus.CLOSED,),
    DialogueStatus.CLOSED: (DialogueStatus.OPEN, DialogueStatus.FED_BACK),
    DialogueStatus.FED_BACK: (),
}


class EditError(ValueError):
    """A staff action that the rules do not allow; the message is shown to the user."""


@dataclass
class DialogueFields:
    """Everything a staff member fills in about a dialogue."""

    slug: str
    kind: str
    source_language: str
    title: dict[str, str]
    purpose: dict[str, str]
    target_group: dict[str, str]
    influence: str
    form: str
    place: dict[str, str]
    next_steps: dict[str, str]
    areas: list[dict[str, Any]]
    opens_on: date | None
    closes_on: date | None
    organiser_ids: list[int]
    baseline_id: int | None = None


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]


def parse_areas(lines: str, lang: str) -> list[dict[str, Any]]:
    """One area per line, as typed in the source language; keys are derived and stable."""
    areas: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line in lines.splitlines():
        name = line.strip()
        key = slugify(name)
        if not name or not key or key in seen:
            continue
        seen.add(key)
        areas.append({"key": key, "label": {lang: name}})
    return areas


def response_count(session: Session, dialogue: Dialogue) -> int:
    return int(session.scalar(select(func.count(Response.id)).where(
        Response.questionnaire_id == dialogue.questionnaire_id)) or 0)


def _apply(dialogue: Dialogue, fields: DialogueFields, session: Session, actor: Actor) -> None:
    """Check the rules every dialogue keeps (created or edited), then store the fields."""
    if not fields.title.get(fields.source_language, "").strip():
        raise EditError("no_title")  # residents and staff find a dialogue by its title
    organisers = list(session.scalars(
        select(Organisation).where(Organisation.id.in_(fields.organiser_ids))))
    if not organisers:
        raise EditError("no_organisers")  # editors of no organisation could change it
    if fields.closes_on and fields.opens_on and fields.closes_on < fields.opens_on:
        raise EditError("closes_before_opens")
    if not isinstance(actor, SystemActor) and actor.organisation_id not in fields.organiser_ids:
        # Otherwise an editor could hand a dialogue to others and lose sight of it.
        raise EditError("own_organisation")
    dialogue.slug = fields.slug
    dialogue.source_language = fields.source_language
    dialogue.title = {k: v for k, v in fields.title.items() if v}
    dialogue.purpose = {k: v for k, v in fields.purpose.items() if v}
    dialogue.target_group = {k: v for k, v in fields.target_group.items() if v}
    dialogue.influence = fields.influence
    dialogue.form = fields.form
    dialogue.place = {k: v for k, v in fields.place.items() if v}
    dialogue.next_steps = {k: v for k, v in fields.next_steps.items() if v}
    # Keep the labels of areas already translated; add the new ones.
    old = {a["key"]: a for a in dialogue.areas or []}
    dialogue.areas = [
        {"key": a["key"], "label": {**old.get(a["key"], {}).get("label", {}), **a["label"]}}
        for a in fields.areas
    ]
    dialogue.opens_on = fields.opens_on
    dialogue.closes_on = fields.closes_on
    dialogue.organisers = organisers


def create_dialogue(session: Session, fields: DialogueFields, *, actor: Actor) -> Dialogue:
    require(actor, Action.CREATE_DIALOGUE)
    if session.scalar(select(Dialogue.id).where(Dialogue.slug == fields.slug)) is not None:
        raise EditError("slug_taken")
    dialogue = Dialogue(kind=fields.kind, status=DialogueStatus.DRAFT.value,
                        questionnaire=Questionnaire(source_language=fields.source_language))
    _apply(dialogue, fields, session, actor)
    if fields.kind == DialogueKind.FOLLOW_UP:
        baseline = session.get(Dialogue, fields.baseline_id) if fields.baseline_id else None
        if baseline is None or not can(actor, Action.VIEW_DIALOGUE, baseline):
            raise EditError("baseline_missing")
        dialogue.baseline = baseline
        copy_scale_questions(baseline, dialogue.questionnaire)
    session.add(dialogue)
    session.flush()
    return dialogue


def update_dialogue(session: Session, dialogue: Dialogue, fields: DialogueFields, *,
                    actor: Actor) -> None:
    require(actor, Action.EDIT_DIALOGUE, dialogue)
    if fields.slug != dialogue.slug and session.scalar(
            select(Dialogue.id).where(Dialogue.slug == fields.slug)) is not None:
        raise EditError("slug_taken")
    _apply(dialogue, fields, session, actor)
    session.flush()


def change_status(dialogue: Dialogue, status: str, *, actor: Actor) -> None:
    require(actor, Action.EDIT_DIALOGUE, dialogue)
    if status not in TRANSITIONS.get(dialogue.status, ()):
        raise EditError("bad_transition")
    if status == DialogueStatus.OPEN and not dialogue.questionnaire.questions:
        raise EditError("no_questions")
    dialogue.status = status
    if status == DialogueStatus.CLOSED:
        dialogue.closed_on = today()  # the retention period runs from here


def _copy_question(question: Question, position: int) -> Question:
    copy = Question(
        position=position, answer_type=question.answer_type, required=question.required,
        text=dict(question.text), help=dict(question.help), template_id=question.template_id,
        copied_from_id=question.id,
    )
    copy.options = [QuestionOption(position=o.position, key=o.key, label=dict(o.label))
                    for o in question.options]
    return copy


def copy_scale_questions(baseline: Dialogue, questionnaire: Questionnaire) -> None:
    """A follow-up reuses the baseline's scale questions, so answers can be compared."""
    for question in baseline.questionnaire.questions:
        if question.answer_type == AnswerType.SCALE:
            questionnaire.questions.append(
                _copy_question(question, len(questionnaire.questions)))


def ensure_editable(session: Session, dialogue: Dialogue) -> None:
    """Questions may change only before anyone has answered."""
    if response_count(session, dialogue) > 0:
        raise EditError("has_responses")


def add_question(
    session: Session,
    dialogue: Dialogue,
    answer_type: str,
    text: Mapping[str, str],
    *,
    help_text: Mapping[str, str] | None = None,
    options: Sequence[Mapping[str, str]] = (),
    required: bool = False,
    template_id: str | None = None,
    actor: Actor,
) -> Question:
    require(actor, Action.EDIT_DIALOGUE, dialogue)
    ensure_editable(session, dialogue)
    if answer_type not in {t.value for t in AnswerType}:
        raise EditError("bad_type")
    if not any(v.strip() for v in text.values()):
        raise EditError("no_text")
    if answer_type in STORED_OPTION_TYPES and len(options) < 2:
        raise EditError("too_few_options")
    questionnaire = dialogue.questionnaire
    question = Question(
        position=len(questionnaire.questions), answer_type=answer_type, required=required,
        text={k: v.strip() for k, v in text.items() if v.strip()},
        help={k: v.strip() for k, v in (help_text or {}).items() if v.strip()},
        template_id=template_id,
    )
    if answer_type in STORED_OPTION_TYPES:
        question.options = [
            QuestionOption(position=i, key=f"o{i + 1}", label=dict(label))
            for i, label in enumerate(options)
        ]
    questionnaire.questions.append(question)
    session.flush()
    return question


def add_templates(session: Session, dialogue: Dialogue, template_ids: Iterable[str], *,
                  actor: Actor) -> int:
    """Add vetted template questions, in every language the template has."""
    from surveys.templates import get_template

    require(actor, Action.EDIT_DIALOGUE, dialogue)
    added = 0
    for template_id in template_ids:
        try:
            template = get_template(template_id)
        except KeyError:
            continue
        add_question(
            session, dialogue, template.answer_type, dict(template.text),
            help_text=dict(template.help), options=[dict(o) for o in template.options],
            required=template.required, template_id=template.id, actor=actor,
        )
        added += 1
    return added


def move_question(session: Session, dialogue: Dialogue, question_id: int, step: int, *,
                  actor: Actor) -> None:
    require(actor, Action.EDIT_DIALOGUE, dialogue)
    ensure_editable(session, dialogue)
    questions = list(dialogue.questionnaire.questions)
    index = next((i for i, q in enumerate(questions) if q.id == question_id), None)
    if index is None:
        raise EditError("no_question")
    target = index + step
    if 0 <= target < len(questions):
        questions[index], questions[target] = questions[target], questions[index]
        for position, question in enumerate(questions):
            question.position = position
    session.flush()
    session.expire(dialogue.questionnaire, ["questions"])


def remove_question(session: Session, dialogue: Dialogue, question_id: int, *,
                    actor: Actor) -> None:
    require(actor, Action.EDIT_DIALOGUE, dialogue)
    ensure_editable(session, dialogue)
    questions = dialogue.questionnaire.questions
    question = next((q for q in questions if q.id == question_id), None)
    if question is None:
        raise EditError("no_question")
    questions.remove(question)
    for position, remaining in enumerate(questions):
        remaining.position = position
    session.flush()


def enter_offline_answer(session: Session, dialogue: Dialogue, values: Mapping[str, AnswerValue], *,
                         channel: str, actor: Actor) -> int:
    """Store an answer staff typed in from paper or a meeting; returns the response's id."""
    require(actor, Action.EDIT_DIALOGUE, dialogue)
    response_id, _created = record_response(session, dialogue.questionnaire, values,
                                            language=dialogue.source_language, channel=channel)
    return response_id
