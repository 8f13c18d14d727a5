"""Precision and recall floors for the leading-question check on questions it did not learn from.

`holdout` is never trained on (though the rules were tuned with it in view), nor is `unseen7`
(240 questions by two writers who saw neither rules nor data, measured once and never changed
for). `unseen4`, `unseen5` and `unseen6` were written independently and are training data now,
so each is measured the way cross-validation does: by a classifier trained on every other
training split (those folds are optimistic: rules were changed knowing their errors).
Floors sit just below what the check measured when they were set (see the benchmark's
docstring); a change that drops below one has made the check worse.
"""

from __future__ import annotations

import csv
from functools import cache

import numpy as np
import pytest

from analysis.embed import model_id
from surveys.leading import check_question
from surveys.leading_model import (
    HELD_OUT_SPLITS,
    VECTORS,
    LeadingModel,
    embed,
    labelled_vectors,
    load_examples,
    stored_vectors,
    texts_digest,
    train,
    train_without,
    training_examples,
)

PROBES = VECTORS.with_name("neutral_probes.csv")

# (split, language): (precision floor, recall floor); "both" pools the two languages.
FLOORS = {
    # Shipped model (measured 0.96/0.88, 1.00/1.00, 0.98/0.94; "för eller emot att kommunen
    # sätter upp kameror" is balanced now and the classifier overrules it, and it flags "Hur
    # stort problem är öppen narkotikahandel" since train6).
    ("holdout", "sv"): (0.95, 0.86),
    ("holdout", "en"): (0.98, 0.98),
    ("holdout", "both"): (0.97, 0.92),
    # Left out of training (measured 0.97/0.98, 0.98/0.90, 0.97/0.94).
    ("unseen4", "sv"): (0.95, 0.96),
    ("unseen4", "en"): (0.95, 0.88),
    ("unseen4", "both"): (0.95, 0.92),
    # Left out of training (measured 1.00/1.00, 1.00/1.00, 1.00/1.00).
    ("unseen5", "sv"): (0.97, 0.97),
    ("unseen5", "en"): (0.97, 0.97),
    ("unseen5", "both"): (0.97, 0.97),
    # Left out of training (measured 1.00/0.93, 0.98/0.88, 0.99/0.91).
    ("unseen6", "sv"): (0.97, 0.91),
    ("unseen6", "en"): (0.95, 0.86),
    ("unseen6", "both"): (0.97, 0.89),
    # Shipped model, never trained on, first measurement (0.96/0.92, 0.93/0.95, 0.95/0.93).
    ("unseen7", "sv"): (0.95, 0.90),
    ("unseen7", "en"): (0.92, 0.93),
    ("unseen7", "both"): (0.94, 0.92),
}


@cache
def _model_for(split: str) -> LeadingModel | None:
    """The shipped model for never-trained splits, else one trained without `split`."""
    return None if split in HELD_OUT_SPLITS else train_without(frozenset({split}))


def _scores(split: str, lang: str) -> tuple[float, float]:
    tp = fp = fn = 0
    model = _model_for(split)
    for example in load_examples():
        if example.split != split or lang not in (example.lang, "both"):
            continue
        flagged = check_question(example.text, example.lang, model=model).leading
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
    left_out = _model_for("unseen4")
    assert left_out is not None
    assert {e.split for e in left_out.examples} == {e.split for e in trained} - {"unseen4"}


def test_training_is_deterministic() -> None:
    examples, vectors = labelled_vectors()
    keep = [i for i, e in enumerate(examples) if e.split not in HELD_OUT_SPLITS]
    questions = [
        ("Skulle ett förbud mot mopeder göra gångvägarna tryggare?", "sv"),
        ("How often do you visit the library?", "en"),
    ]
    first = train([examples[i] for i in keep], vectors[keep]).probabilities(questions)
    assert train([examples[i] for i in keep], vectors[keep]).probabilities(questions) == first
    assert first[0] > 0.5 > first[1]


def test_the_stored_vectors_belong_to_the_labelled_set_and_the_current_engine() -> None:
    """Fails when the CSV changed without `python -m surveys embed-labelled`."""
    stored = stored_vectors()
    examples = load_examples()
    assert stored.digest == texts_digest([e.text for e in examples])
    assert stored.vectors.shape == (len(examples), 384)
    assert stored.model == model_id()
    sample = [0, len(examples) // 2, len(examples) - 1]
    fresh = embed([examples[i].text for i in sample])
    assert np.all(np.sum(fresh * stored.vectors[sample], axis=1) > 0.999)


def test_neutral_probe_questions_are_not_flagged() -> None:
    with PROBES.open(encoding="utf-8", newline="") as f:
        probes = list(csv.DictReader(f))
    assert len(probes) >= 60 and {p["lang"] for p in probes} == {"sv", "en"}
    flagged = [p["text"] for p in probes if check_question(p["text"], p["lang"]).leading]
    assert flagged == []
