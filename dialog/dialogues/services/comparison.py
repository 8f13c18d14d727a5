"""The follow-up report's figures: baseline and follow-up answers to the same scale questions,
compared step by step, with small counts hidden."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

import analysis
from analysis.compare import hidden_steps, marker
from dialog import i18n
from dialog.dialogues.models import Dialogue
from dialog.promises.display import shown_count
from surveys.models import Answer, Question
from surveys.questions import DONT_KNOW, AnswerType

UNSAFE_HINTS = ("unsafe", "otrygg")


@dataclass(frozen=True)
class QuestionComparison:
    question: Question
    labels: dict[str, str]
    result: analysis.ScaleComparison
    dont_know: tuple[str, str]
    # Steps hidden in the baseline and in the follow-up, and whether each unsafe row is.
    hidden: tuple[set[str], set[str]]
    unsafe_hidden: tuple[bool, bool]
    withheld: tuple[bool, bool]

    def marker(self, survey: int, step: str) -> str:
        """"<5" or ".." for a hidden step of the baseline (0) or the follow-up (1)."""
        counts = self.result.steps
        share = next(getattr(c, ("baseline", "follow_up")[survey]) for c in counts
                     if c.step == step)
        return marker(share.x)

    @property
    def difference_shown(self) -> bool:
        return self.result.difference is not None and not any(self.unsafe_hidden)


def step_counts(session: Session, question: Question) -> Counter[str]:
    counts: Counter[str] = Counter()
    for choices in session.scalars(select(Answer.choices).where(Answer.question_id == question.id)):
        counts.update(choices or ())
    return counts


def unsafe_steps(question: Question) -> list[str]:
    """Steps that mean feeling unsafe: named so, else the second half of the scale."""
    keys = [o.key for o in question.options]
    named = [o.key for o in question.options
             if any(h in (o.key + " " + " ".join(o.label.values())).lower()
                    for h in UNSAFE_HINTS)]
    return named or keys[len(keys) // 2:]


def compare(session: Session, follow_up: Dialogue) -> list[QuestionComparison]:
    """Every scale question the follow-up copied from its baseline, compared step by step."""
    results = []
    for question in follow_up.questionnaire.questions:
        if question.answer_type != AnswerType.SCALE or question.copied_from_id is None:
            continue
        original = session.get(Question, question.copied_from_id)
        if original is None:
            continue
        steps = [o.key for o in question.options]
        before, after = step_counts(session, original), step_counts(session, question)
        result = analysis.compare_scale(
            {s: before.get(s, 0) for s in steps}, {s: after.get(s, 0) for s in steps},
            unsafe_steps(question), steps=steps)
        labels = {o.key: i18n.pick(o.label, i18n.current(), follow_up.source_language).text
                  for o in question.options}
        unsafe = unsafe_steps(question)
        hidden_before, unsafe_before, withheld_before = hidden_steps(
            {s: before.get(s, 0) for s in steps}, unsafe)
        hidden_after, unsafe_after, withheld_after = hidden_steps(
            {s: after.get(s, 0) for s in steps}, unsafe)
        results.append(QuestionComparison(
            question, labels, result,
            (shown_count(before.get(DONT_KNOW, 0)), shown_count(after.get(DONT_KNOW, 0))),
            (hidden_before, hidden_after), (unsafe_before, unsafe_after),
            (withheld_before, withheld_after)))
    return results
