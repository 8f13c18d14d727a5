"""Which words of a question weigh most towards "leading", to explain the classifier's flag.

The classifier in `surveys.leading_model` reads sentence vectors, which say that a question
resembles leading ones but not which words make it so (asking the embedding model again for
each word left out would take a tenth of a second per word). This small word model answers
that cheaply: a logistic regression on the 50 word n-grams that best tell the labels apart
(chi-squared), trained on the same training questions at first use (deterministic, well under
a second). It only explains; it never decides whether a question is flagged. A word is named
when leaving it out lowers the word model's estimate clearly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.feature_selection import SelectKBest, chi2
from sklearn.linear_model import LogisticRegression

from surveys.checks_common import WORD_RE, normalise
from surveys.leading_model import Example, training_examples

_BRACKETS = re.compile(r"\([^()]*\)")

# How many n-grams the model keeps, and how much leaving a word out must lower the estimate
# for the word to be named.
FEATURES = 50
MIN_DROP = 0.05

# Articles and prepositions are never named: they say nothing to a reader.
_UNINFORMATIVE = frozenset(
    str.split(
        """
        en ett den det de i på av till för med vid från om under efter
        the a an of to in on at by for with from about
        """
    )
)


def _prepared(text: str, lang: str) -> str:
    """Normalised text with a language marker, so one model serves both languages.

    Brackets hold answer options or examples, which the rules read; the model sees the stem.
    """
    return f"__{lang}__ {_BRACKETS.sub(' ', normalise(text))}"


@dataclass
class WordModel:
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

    def weighing_words(self, text: str, lang: str, limit: int = 3) -> list[str]:
        """The words whose removal lowers the estimate clearly, most influential first."""
        spans = [m for m in WORD_RE.finditer(text) if normalise(m.group(0)) not in _UNINFORMATIVE]
        if not spans:
            return []
        variants = [(text[: m.start()] + text[m.end() :], lang) for m in spans]
        base, *without = self.probabilities([(text, lang), *variants])
        drops = [base - p for p in without]
        ranked = sorted(range(len(spans)), key=lambda i: (-drops[i], i))
        return [spans[i].group(0) for i in ranked[:limit] if drops[i] >= MIN_DROP]


def train_words(examples: list[Example]) -> WordModel:
    """Fit the word model on `examples` (deterministic: liblinear, no random state involved).

    Only the `FEATURES` n-grams most associated with the label are kept, so the model weighs
    wording ("skulle", "tycker du att", "more") rather than topics ("park", "night").
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
    return WordModel(words, selected, classifier)


@cache
def default_word_model() -> WordModel:
    """The word model trained on the shipped training questions, built once per process."""
    return train_words(training_examples())
