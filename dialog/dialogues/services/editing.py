"""Staff actions on dialogues and their questionnaires, callable without HTTP."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from dialog.accounts.models import Organisation
from dialog.audit import audit
from dialog.authz import Action, Actor, SystemActor, audit_actor, can, require
from dialog.concerns.services.vectors import embed_soon, fields_of
from dialog.db import today
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus
from surveys.models import Question, Questionnaire, QuestionOption
from surveys.questions import STORED_OPTION_TYPES, AnswerType
from surveys.responses import record_response
from surveys.tally import response_total

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
    """How many responses the dialogue has (read from the tally, not counted)."""
    return response_total(session, dialogue.questionnaire_id)


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
    audit("dialogue.create", dialogue, actor=audit_actor(actor), session=session)
    return dialogue


def update_dialogue(session: Session, dialogue: Dialogue, fields: DialogueFields, *,
                    actor: Actor) -> None:
    require(actor, Action.EDIT_DIALOGUE, dialogue)
    if fields.slug != dialogue.slug and session.scalar(
            select(Dialogue.id).where(Dialogue.slug == fields.slug)) is not None:
        raise EditError("slug_taken")
    _apply(dialogue, fields, session, actor)
    session.flush()
    audit("dialogue.edit", dialogue, actor=audit_actor(actor), session=session)


def change_status(dialogue: Dialogue, status: str, *, actor: Actor) -> None:
    require(actor, Action.EDIT_DIALOGUE, dialogue)
    if status not in TRANSITIONS.get(dialogue.status, ()):
        raise EditError("bad_transition")
    if status == DialogueStatus.OPEN and not dialogue.questionnaire.questions:
        raise EditError("no_questions")
    old = dialogue.status
    dialogue.status = status
    if status == DialogueStatus.CLOSED:
        dialogue.closed_on = today()  # the retention period runs from here
    audit("dialogue.status", dialogue, {"from": old, "to": status}, actor=audit_actor(actor),
          session=object_session(dialogue))


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
    leading_saved_anyway: bool = False,
    actor: Actor,
) -> Question:
    """Add a question. One staff wrote (no `template_id`) is audited here, with whether the
    leading-question check flagged it and staff kept it; `add_templates` audits its batch."""
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
    if template_id is None:
        audit("question.add", dialogue, {"question_id": question.id,
                                         "leading_saved_anyway": leading_saved_anyway},
              actor=audit_actor(actor), session=session)
    return question


def add_templates(session: Session, dialogue: Dialogue, template_ids: Iterable[str], *,
                  actor: Actor) -> int:
    """Add vetted template questions, in every language the template has."""
    from surveys.templates import get_template

    require(actor, Action.EDIT_DIALOGUE, dialogue)
    template_ids = list(template_ids)
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
    audit("question.add_templates", dialogue, {"templates": template_ids[:50], "added": added},
          actor=audit_actor(actor), session=session)
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
    audit("question.up" if step < 0 else "question.down", dialogue, {"question_id": question_id},
          actor=audit_actor(actor), session=session)


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
    audit("question.remove", dialogue, {"question_id": question_id}, actor=audit_actor(actor),
          session=session)


# -- Editing a question ----------------------------------------------------------------------
# Until the first answer arrives a question may change in every way staff can edit: wording,
# translations, help text, the required flag and the options. After that, answers already given
# must stay comparable with the ones still to come, so only corrections that keep the meaning
# are allowed: typo fixes in the original language and translations. Each change is returned
# with its old text, for the audit log.

NEGATIONS = frozenset({
    "inte", "ej", "icke", "aldrig", "ingen", "inget", "inga", "utan",
    "not", "never", "no", "none", "without", "nothing", "dont", "don't", "isn't", "aren't",
})
NEGATING_PREFIXES = ("o", "un", "in", "im", "ir", "dis", "non", "icke")
_WORD = re.compile(r"\w+(?:['’]\w+)?", re.UNICODE)


@dataclass
class QuestionEdit:
    """What staff typed on a question's edit form; languages left empty are dropped."""

    text: dict[str, str]
    help: dict[str, str]
    options: list[dict[str, str]]  # the labels of the existing options, in order
    required: bool
    new_options: list[dict[str, str]] | None = None  # only before the first answer
    removed_options: frozenset[int] = frozenset()  # positions, only before the first answer


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text))]


def _negates(old: str, new: str) -> bool:
    return any(new == p + old or old == p + new for p in NEGATING_PREFIXES)


def keeps_meaning(old: str, new: str) -> bool:
    """True when `new` only corrects typos, spacing or punctuation in `old`.

    Words may be misspelt and corrected, joined or split, but not added, removed or swapped
    for other words, and a negation ("inte", "not", "o-"/"un-") may never come or go.
    """
    import difflib

    before, after = _words(old), _words(new)
    if before == after:
        return True
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        removed, added = before[a1:a2], after[b1:b2]
        if NEGATIONS & (set(removed) ^ set(added)):
            return False
        if not removed or not added:
            return False  # a word added or dropped
        if len(removed) == len(added):
            pairs = list(zip(removed, added, strict=True))
        else:
            pairs = [("".join(removed), "".join(added))]  # words joined or split
        for a, b in pairs:
            if _negates(a, b):
                return False
            if difflib.SequenceMatcher(a=a, b=b).ratio() < 0.75:
                return False
    return True


def _clean(texts: Mapping[str, str]) -> dict[str, str]:
    return {k: v.strip() for k, v in texts.items() if v and v.strip()}


def _text_changes(field: str, old: Mapping[str, str], new: Mapping[str, str], source: str,
                  locked: bool) -> list[dict[str, Any]]:
    changes = []
    for lang in sorted(set(old) | set(new)):
        before, after = old.get(lang, ""), new.get(lang, "")
        if before == after:
            continue
        if locked and lang == source and not (before and after and keeps_meaning(before, after)):
            raise EditError("changes_meaning")
        changes.append({"field": field, "language": lang, "old": before, "new": after})
    return changes


def edit_question(session: Session, dialogue: Dialogue, question_id: int,
                  edit: QuestionEdit, *, actor: Actor) -> list[dict[str, Any]]:
    """Apply an edit to a question; returns the changes made, each with its old text.

    Raises EditError("changes_meaning") when residents have answered and the edit would change
    what the question asks (EditError("answered_structure") for the required flag or the set of
    options), so staff can be told why.
    """
    require(actor, Action.EDIT_DIALOGUE, dialogue)
    question = next((q for q in dialogue.questionnaire.questions if q.id == question_id), None)
    if question is None:
        raise EditError("no_question")
    locked = response_count(session, dialogue) > 0
    source = dialogue.source_language
    text, help_text = _clean(edit.text), _clean(edit.help)
    if not text:
        raise EditError("no_text")
    if locked and (edit.required != question.required or edit.new_options
                   or edit.removed_options or len(edit.options) != len(question.options)):
        raise EditError("answered_structure")
    changes = _text_changes("text", question.text, text, source, locked)
    changes += _text_changes("help", question.help, help_text, source, locked)
    for option, labels in zip(question.options, edit.options, strict=False):
        if _clean(labels):  # an option left empty keeps its labels
            changes += [dict(c, option=option.key) for c in _text_changes(
                "option", option.label, _clean(labels), source, locked)]
    if edit.required != question.required:
        changes.append({"field": "required", "old": question.required, "new": edit.required})
    kept = [o for o in question.options if o.position not in edit.removed_options]
    new_labels = [_clean(labels) for labels in edit.new_options or [] if _clean(labels)]
    if question.answer_type in STORED_OPTION_TYPES and len(kept) + len(new_labels) < 2:
        raise EditError("too_few_options")
    # Everything is checked: now change the question.
    question.text = text
    question.help = help_text
    question.required = edit.required
    for option, labels in zip(question.options, edit.options, strict=False):
        if _clean(labels):
            option.label = _clean(labels)
    for option in question.options:
        if option.position in edit.removed_options:
            changes.append({"field": "option_removed", "option": option.key,
                            "old": dict(option.label), "new": None})
    if question.answer_type in STORED_OPTION_TYPES:
        used = {o.key for o in question.options}
        question.options = kept
        for labels in new_labels:
            number = len(used) + 1
            while f"o{number}" in used:
                number += 1
            used.add(f"o{number}")
            question.options.append(QuestionOption(key=f"o{number}", label=labels))
            changes.append({"field": "option_added", "option": f"o{number}", "old": None,
                            "new": labels})
        for position, option in enumerate(question.options):
            option.position = position
    session.flush()
    if changes:
        # Each change keeps its old text: the audit log is where the old wording is kept.
        audit("question.correct" if locked else "question.edit", dialogue,
              {"question_id": question_id, "changes": changes}, actor=audit_actor(actor),
              session=session)
    return changes


# -- Answers typed in from paper or a meeting ------------------------------------------------

OFFLINE_CHANNELS = ("paper", "meeting")


def check_answered_on(dialogue: Dialogue, answered_on: date | None) -> date:
    """The day a paper or meeting answer was given: not in the future, not before the
    dialogue opened."""
    if answered_on is None:
        raise EditError("date_missing")
    if answered_on > today():
        raise EditError("date_future")
    if dialogue.opens_on and answered_on < dialogue.opens_on:
        raise EditError("date_before_open")
    return answered_on


def record_offline_answer(
    session: Session,
    dialogue: Dialogue,
    values: Mapping[str, Any],
    *,
    channel: str,
    answered_on: date | None,
    detail: str = "",
    actor: Actor,
    redis_url: str = "",
) -> int:
    """Store one answer from a paper form or a meeting, dated the day it was given (counts by
    date use that day, not the day it was typed in), with the meeting or place it came from.
    With `redis_url`, its free text is queued for embedding (see `embed_soon`)."""

    require(actor, Action.EDIT_DIALOGUE, dialogue)
    if channel not in OFFLINE_CHANNELS:
        raise EditError("bad_channel")
    day = check_answered_on(dialogue, answered_on)
    detail = " ".join(detail.split())
    if len(detail) > 120:
        raise EditError("detail_too_long")
    response_id, _created = record_response(
        session, dialogue.questionnaire, values, language=dialogue.source_language,
        channel=channel, submitted_on=day, channel_detail=detail or None)
    embed_soon(session, dialogue.questionnaire_id, fields_of(dialogue.questionnaire), values,
               redis_url=redis_url)
    audit("answer.paper", dialogue, {"channel": channel, "response_id": response_id,
                                     "answered_on": day.isoformat()}, actor=audit_actor(actor),
          session=session)
    return response_id
