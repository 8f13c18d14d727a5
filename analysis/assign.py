"""Assign new answers to accepted focus areas without clustering again.

A model is plain JSON-able data: idf weights for the features that matter, one sparse
centroid per focus area and a per-area similarity threshold calibrated on its own members.
It can come from a clustering run (`ClusteringResult.model`) or from the analyst's final
focus areas given as lists of member texts (`build_assigner`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.features import (
    CHAR_NGRAMS,
    CHAR_WEIGHT,
    WORD_WEIGHT,
    Matrix,
    build_corpus,
    checked_language,
    content_tokens,
    sublinear_tfidf,
    vectorize,
)
from analysis.text import CompoundSplitter, Language, detect_language, mask_pii, stem

MODEL_KIND = "dialog.analysis.assigner/1"
MAX_FEATURES_PER_AREA = 400
CALIBRATION_SAMPLE = 100
MIN_THRESHOLD = 0.1
THRESHOLD_FACTOR = 0.5


@dataclass
class Centroid:
    """One focus area: sparse centre (word and character features) and its threshold."""

    id: int
    label: str
    word: dict[str, float]
    char: dict[str, float]
    threshold: float


@dataclass
class AssignmentModel:
    """Everything needed to place a new answer; store it with `to_dict()` as JSON."""

    word_idf: dict[str, float]
    char_idf: dict[str, float]
    default_word_idf: float
    default_char_idf: float
    language: str
    centroids: list[Centroid] = field(default_factory=list)
    weights: tuple[float, float] = (WORD_WEIGHT, CHAR_WEIGHT)
    char_ngram_range: tuple[int, int] = CHAR_NGRAMS
    kind: str = MODEL_KIND

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict (tuples become lists)."""
        data = asdict(self)
        data["weights"] = list(self.weights)
        data["char_ngram_range"] = list(self.char_ngram_range)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AssignmentModel:
        """Rebuild a model stored with `to_dict()`."""
        if data.get("kind") != MODEL_KIND:
            raise ValueError(f"not an assignment model (kind={data.get('kind')!r})")
        lo, hi = data["char_ngram_range"]
        w_word, w_char = data["weights"]
        return cls(
            word_idf={str(k): float(v) for k, v in data["word_idf"].items()},
            char_idf={str(k): float(v) for k, v in data["char_idf"].items()},
            default_word_idf=float(data["default_word_idf"]),
            default_char_idf=float(data["default_char_idf"]),
            language=str(data["language"]),
            centroids=[
                Centroid(
                    id=int(c["id"]),
                    label=str(c["label"]),
                    word={str(k): float(v) for k, v in c["word"].items()},
                    char={str(k): float(v) for k, v in c["char"].items()},
                    threshold=float(c["threshold"]),
                )
                for c in data["centroids"]
            ],
            weights=(float(w_word), float(w_char)),
            char_ngram_range=(int(lo), int(hi)),
        )


class _Vectorizer:
    """Turns new answers into the model's sparse feature dicts (same steps as training)."""

    def __init__(self, model: AssignmentModel) -> None:
        """Prepare analyzers once per call of `assign`, not per text."""
        self.model = model
        self.splitter = CompoundSplitter(model.word_idf)
        self.char_analyzer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=model.char_ngram_range
        ).build_analyzer()

    def __call__(self, text: str) -> tuple[dict[str, float], dict[str, float]]:
        """Weighted, jointly normalised word and char parts of one text."""
        model = self.model
        masked = mask_pii(text or "")
        lang: Language = (
            checked_language(model.language)
            if model.language != "auto"
            else detect_language(masked, default="sv")
        )
        tokens = content_tokens(masked, lang)
        words: Counter[str] = Counter(stem(t, lang) for t in tokens)
        if lang == "sv":
            for tok in tokens:
                split = self.splitter.split(tok)
                if split:
                    words.update(stem(part, lang) for part in split)
        chars: Counter[str] = Counter(self.char_analyzer(" ".join(tokens)))
        w = sublinear_tfidf(words, model.word_idf, model.default_word_idf)
        c = sublinear_tfidf(chars, model.char_idf, model.default_char_idf)
        a, b = model.weights
        norm = math.sqrt((a * a if words else 0.0) + (b * b if chars else 0.0))
        if norm == 0:
            return {}, {}
        return (
            {t: a * v / norm for t, v in w.items()},
            {t: b * v / norm for t, v in c.items()},
        )


def _dot(x: Mapping[str, float], y: Mapping[str, float]) -> float:
    """Sparse dot product, iterating over the shorter dict."""
    if len(x) > len(y):
        x, y = y, x
    return sum(v * y.get(t, 0.0) for t, v in x.items())


def similarities(texts: Sequence[str], model: AssignmentModel | Mapping[str, Any]) -> list[
    list[float]
]:
    """Cosine similarity of each text to each focus area, in `model.centroids` order."""
    m = model if isinstance(model, AssignmentModel) else AssignmentModel.from_dict(model)
    vec = _Vectorizer(m)
    out = []
    for text in texts:
        w, c = vec(text)
        out.append([_dot(w, cen.word) + _dot(c, cen.char) for cen in m.centroids])
    return out


def assign(texts: Sequence[str], model: AssignmentModel | Mapping[str, Any]) -> list[int]:
    """Focus-area id for each new answer, or -1 when it is not close enough to any area."""
    m = model if isinstance(model, AssignmentModel) else AssignmentModel.from_dict(model)
    result = []
    for sims in similarities(texts, m):
        if not sims:
            result.append(-1)
            continue
        best = int(np.argmax(sims))
        centroid = m.centroids[best]
        result.append(centroid.id if sims[best] >= centroid.threshold else -1)
    return result


def model_from_matrix(
    texts: Sequence[str],
    matrix: Matrix,
    labels: Sequence[int],
    names: Mapping[int, str],
    language: str,
    seed: int = 0,
) -> AssignmentModel:
    """Build a model from a fitted matrix and final labels (-1 rows are ignored)."""
    labels_arr = np.asarray(labels)
    n_word = matrix.n_word
    word_idf_all = dict(zip(matrix.word_vocab, matrix.word_idf.tolist(), strict=True))
    char_idf_all = dict(zip(matrix.char_vocab, matrix.char_idf.tolist(), strict=True))
    centroids: list[Centroid] = []
    used_word: set[str] = set()
    used_char: set[str] = set()
    for cid in sorted(set(labels_arr.tolist()) - {-1}):
        rows = np.flatnonzero(labels_arr == cid)
        centre = np.asarray(matrix.X[rows].mean(axis=0)).ravel()
        norm = float(np.linalg.norm(centre))
        if norm > 0:
            centre = centre / norm
        top = np.argsort(-centre, kind="stable")[:MAX_FEATURES_PER_AREA]
        top = top[centre[top] > 0]
        word = {
            matrix.word_vocab[j]: round(float(centre[j]), 6) for j in top.tolist() if j < n_word
        }
        char = {
            matrix.char_vocab[j - n_word]: round(float(centre[j]), 6)
            for j in top.tolist()
            if j >= n_word
        }
        used_word.update(word)
        used_char.update(char)
        centroids.append(Centroid(int(cid), names.get(int(cid), ""), word, char, MIN_THRESHOLD))
    model = AssignmentModel(
        word_idf={t: round(word_idf_all[t], 6) for t in sorted(used_word)},
        char_idf={t: round(char_idf_all[t], 6) for t in sorted(used_char)},
        default_word_idf=round(max(word_idf_all.values(), default=1.0), 6),
        default_char_idf=round(max(char_idf_all.values(), default=1.0), 6),
        language=language,
        centroids=centroids,
    )
    _calibrate(model, texts, labels_arr, seed)
    return model


def _calibrate(
    model: AssignmentModel, texts: Sequence[str], labels: np.ndarray, seed: int
) -> None:
    """Threshold per area: half the 5th percentile of its own members' similarity (members
    helped make the centre, so they sit closer than new answers will), at least 0.1
    (unrelated answers score about 0.0-0.05)."""
    rng = np.random.default_rng(seed)
    vec = _Vectorizer(model)
    for centroid in model.centroids:
        rows = np.flatnonzero(labels == centroid.id)
        if len(rows) > CALIBRATION_SAMPLE:
            rows = np.sort(rng.choice(rows, CALIBRATION_SAMPLE, replace=False))
        sims = []
        for i in rows.tolist():
            w, c = vec(texts[i])
            sims.append(_dot(w, centroid.word) + _dot(c, centroid.char))
        low = float(np.percentile(sims, 5)) if sims else MIN_THRESHOLD
        centroid.threshold = round(max(MIN_THRESHOLD, THRESHOLD_FACTOR * low), 6)


def build_assigner(
    focus_areas: Mapping[int, Sequence[str]],
    languages: str | None = "auto",
    labels: Mapping[int, str] | None = None,
    seed: int = 0,
) -> AssignmentModel:
    """Model from the analyst's accepted focus areas, given as {area id: member texts}."""
    texts: list[str] = []
    ids: list[int] = []
    for area_id, members in focus_areas.items():
        for text in members:
            texts.append(text)
            ids.append(int(area_id))
    corpus = build_corpus(texts, languages)
    matrix = vectorize(corpus)
    return model_from_matrix(
        texts, matrix, ids, dict(labels or {}), languages or "auto", seed
    )
