"""Precision and recall floors for the leading-question check on the held-out questions.

The classifier never trains on these splits, so the figures measure wording it has not
learned from (though the rules were tuned with `holdout` in view; `unseen4` was written
independently and run once, see the benchmark's docstring). Floors sit just below what the
check measured when they were set; a change that drops below one has made the check worse.
"""

from __future__ import annotations

import pytest

from surveys.leading import check_question
from surveys.leading_model import HELD_OUT_SPLITS, load_examples, train, training_examples

# (split, language): (precision floor, recall floor); "both" pools the two languages.
FLOORS = {
    ("holdout", "sv"): (0.97, 0.90),
    ("holdout", "en"): (0.98, 0.98),
    ("holdout", "both"): (0.98, 0.94),
    # Written independently and measured once (0.90/0.73, 0.84/0.63, 0.87/0.68).
    ("unseen4", "sv"): (0.88, 0.71),
    ("unseen4", "en"): (0.82, 0.61),
    ("unseen4", "both"): (0.85, 0.66),
}


def _scores(split: str, lang: str) -> tuple[float, float]:
    tp = fp = fn = 0
    for example in load_examples():
        if example.split != split or lang not in (example.lang, "both"):
            continue
        flagged = check_question(example.text, example.lang).leading
        tp += flagged and example.leading
        fp += flagged and not example.leading
        fn += example.leading and not flagged
    return tp / (tp + fp), tp / (tp + fn)


@pytest.mark.parametrize(("split", "lang"), sorted(FLOORS))
def test_precision_and_recall_stay_above_their_floors(split: str, lang: str) -> None:
    precision, recall = _scores(split, lang)
    precision_floor, recall_floor = FLOORS[split, lang]
    assert precision >= precision_floor, f"precision {precision:.2f} on {split}/{lang}"
    assert recall >= recall_floor, f"recall {recall:.2f} on {split}/{lang}"


def test_the_classifier_never_learns_from_held_out_questions() -> None:
    held_out = {e.text for e in load_examples() if e.split in HELD_OUT_SPLITS}
    trained = training_examples()
    assert held_out and trained
    assert not held_out & {e.text for e in trained}
    assert {e.split for e in trained}.isdisjoint(HELD_OUT_SPLITS)


def test_training_is_deterministic() -> None:
    questions = [
        ("Skulle ett förbud mot mopeder göra gångvägarna tryggare?", "sv"),
        ("How often do you visit the library?", "en"),
    ]
    first = train(training_examples()).probabilities(questions)
    assert train(training_examples()).probabilities(questions) == first
