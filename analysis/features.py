"""Feature building shared by clustering and assignment.

Two views of each answer are combined so that Swedish compounds meet their parts:
stemmed content words (plus the parts of compounds found in the corpus vocabulary) and
character 3-5-grams inside word boundaries ("mopedbuskörning" shares "mop", "bus", "körn"
… with "buskörning med mopeder").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from analysis.text import (
    CompoundSplitter,
    Language,
    detect_language,
    mask_pii,
    stem,
    stopwords,
    strip_placeholders,
    surface_forms,
    tokenize,
)

CHAR_NGRAMS = (3, 5)
WORD_WEIGHT = 1.0
CHAR_WEIGHT = 1.0


def resolve_languages(
    masked: Sequence[str], languages: Sequence[str] | str | None
) -> list[Language]:
    """Per-text language: given per text, one for all, or guessed ("auto"/None).

    Guessed Latin-script texts without any stopword evidence take the corpus majority of
    "sv"/"en" (Swedish on a tie), so a two-word answer in a Swedish survey is stemmed as Swedish.
    """
    if isinstance(languages, str) and languages != "auto":
        lang = checked_language(languages)
        return [lang] * len(masked)
    if languages is not None and not isinstance(languages, str):
        if len(languages) != len(masked):
            raise ValueError("languages must have one entry per text")
        return [
            checked_language(lang) if lang != "auto" else detect_language(text, "sv")
            for lang, text in zip(languages, masked, strict=True)
        ]
    guessed = [detect_language(text, default="other") for text in masked]
    counts = Counter(g for g in guessed if g != "other")
    majority: Language = "en" if counts["en"] > counts["sv"] else "sv"
    return [
        majority if g == "other" and detect_language(t, default=majority) == majority else g
        for g, t in zip(guessed, masked, strict=True)
    ]


def checked_language(value: str) -> Language:
    """Validate a language code."""
    if value == "sv":
        return "sv"
    if value == "en":
        return "en"
    if value == "other":
        return "other"
    raise ValueError(f"unknown language {value!r}; use 'sv', 'en', 'other' or 'auto'")


def content_tokens(masked: str, language: Language) -> list[str]:
    """Content words of a masked text: placeholders, stopwords and one-letter words dropped."""
    stop = stopwords(language)
    return [t for t in tokenize(strip_placeholders(masked)) if len(t) > 1 and t not in stop]


@dataclass
class Corpus:
    """Prepared corpus: masked texts, languages, word documents and surface forms."""

    masked: list[str]
    languages: list[Language]
    tokens: list[list[str]]
    word_docs: list[list[str]]
    char_docs: list[str]
    surface: dict[str, str]


def build_corpus(texts: Sequence[str], languages: Sequence[str] | str | None) -> Corpus:
    """Mask, tokenise, stem and split compounds for a whole corpus (stems cached per word)."""
    masked = [mask_pii(t or "") for t in texts]
    langs = resolve_languages(masked, languages)
    tokens = [content_tokens(m, lang) for m, lang in zip(masked, langs, strict=True)]
    cache: dict[tuple[str, Language], str] = {}
    stems: list[list[str]] = []
    pair_counts: Counter[tuple[str, str]] = Counter()
    for toks, lang in zip(tokens, langs, strict=True):
        row = []
        for tok in toks:
            key = (tok, lang)
            s = cache.get(key)
            if s is None:
                s = cache[key] = stem(tok, lang)
            row.append(s)
            pair_counts[(s, tok)] += 1
        stems.append(row)
    stem_counts: Counter[str] = Counter()
    word_counts: Counter[str] = Counter()
    for (s, tok), c in pair_counts.items():
        stem_counts[s] += c
        word_counts[tok] += c
    min_count = 2 if len(texts) >= 20 else 1
    known = {s for s, c in stem_counts.items() if c >= min_count}
    known |= {w for w, c in word_counts.items() if c >= min_count}
    splitter = CompoundSplitter(known)
    surface = surface_forms(pair_counts)
    parts_of: dict[tuple[str, Language], list[str]] = {}
    word_docs: list[list[str]] = []
    for toks, row, lang in zip(tokens, stems, langs, strict=True):
        doc = list(row)
        if lang == "sv":
            for tok in toks:
                key = (tok, lang)
                parts = parts_of.get(key)
                if parts is None:
                    parts = parts_of[key] = _compound_parts(splitter, tok, lang, surface)
                doc.extend(parts)
        word_docs.append(doc)
    char_docs = [" ".join(toks) for toks in tokens]
    return Corpus(masked, langs, tokens, word_docs, char_docs, surface)


def _compound_parts(
    splitter: CompoundSplitter, token: str, language: Language, surface: dict[str, str]
) -> list[str]:
    """Stems of a compound's parts (registering a surface form for new part stems)."""
    split = splitter.split(token)
    if split is None:
        return []
    parts = []
    for part in split:
        s = stem(part, language)
        surface.setdefault(s, part)
        parts.append(s)
    return parts


def _identity(doc: list[str]) -> list[str]:
    """Analyzer for already tokenised documents."""
    return doc


@dataclass
class Matrix:
    """The combined, row-normalised feature matrix and the fitted vocabularies."""

    X: sp.csr_matrix
    word_vocab: list[str]
    word_idf: np.ndarray
    char_vocab: list[str]
    char_idf: np.ndarray
    word_block: sp.csr_matrix

    @property
    def n_word(self) -> int:
        """Number of word features (they come first in X)."""
        return len(self.word_vocab)


def vectorize(corpus: Corpus) -> Matrix:
    """TF-IDF word and char_wb blocks, each L2-normalised, weighted, stacked, re-normalised."""
    n = len(corpus.word_docs)
    min_df = 2 if n >= 50 else 1
    word_vec = TfidfVectorizer(
        analyzer=_identity, min_df=min_df, sublinear_tf=True, dtype=np.float32
    )
    char_vec = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=CHAR_NGRAMS,
        min_df=min_df,
        sublinear_tf=True,
        dtype=np.float32,
    )
    Xw = _fit_or_empty(word_vec, corpus.word_docs, n)
    Xc = _fit_or_empty(char_vec, corpus.char_docs, n)
    X = sp.hstack([WORD_WEIGHT * Xw, CHAR_WEIGHT * Xc], format="csr", dtype=np.float32)
    if n:
        X = sp.csr_matrix(l2_normalize(X), dtype=np.float32)
    return Matrix(
        X=X,
        word_vocab=_vocab(word_vec),
        word_idf=_idf(word_vec),
        char_vocab=_vocab(char_vec),
        char_idf=_idf(char_vec),
        word_block=Xw,
    )


def _fit_or_empty(vec: TfidfVectorizer, docs: Sequence[object], n: int) -> sp.csr_matrix:
    """Fit a vectorizer; an empty vocabulary (no usable words at all) gives an n x 0 block."""
    try:
        return sp.csr_matrix(vec.fit_transform(docs), dtype=np.float32)
    except ValueError:
        vec.vocabulary_ = {}
        return sp.csr_matrix((n, 0), dtype=np.float32)


def _vocab(vec: TfidfVectorizer) -> list[str]:
    """Feature names in column order (empty when nothing was fitted)."""
    vocab: Mapping[str, int] = getattr(vec, "vocabulary_", {})
    names = [""] * len(vocab)
    for term, col in vocab.items():
        names[col] = term
    return names


def _idf(vec: TfidfVectorizer) -> np.ndarray:
    """Fitted idf weights (empty when nothing was fitted)."""
    if not getattr(vec, "vocabulary_", None):
        return np.zeros(0, dtype=np.float64)
    return np.asarray(vec.idf_, dtype=np.float64)


def sublinear_tfidf(counts: Counter[str], idf: Mapping[str, float], default_idf: float) -> dict[
    str, float
]:
    """(1 + log tf) * idf, L2-normalised over all terms, returned for the known terms only.

    Unknown terms still count in the norm (with `default_idf`), so a new answer that shares
    little with a focus area gets a low similarity instead of an inflated one.
    """
    weights = {t: (1.0 + math.log(c)) * idf.get(t, default_idf) for t, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    if norm == 0:
        return {}
    return {t: w / norm for t, w in weights.items() if t in idf}
