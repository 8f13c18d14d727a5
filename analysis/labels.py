"""Readable group labels that never carry personal data.

A label is a short phrase drawn from a group's own answers in one language ("mopeder på
torget", "affordable housing"), chosen among contiguous 2-4 word phrases of the masked
answers that neither start nor end with a function word, counted once per answer, grouped by
their stems ("mopederna vid torget" counts with "mopeder vid torget") and shown in their most
common written form. A phrase is scored by how much more often it occurs in the group than in
the rest of the dialogue's answers in the same language.

No label contains a masking placeholder or a token that may name a person or an address
(`blocked_words`):
- a token in the shipped list of common first names and surnames (`data/names.txt`), also
  with a genitive s ("Svens");
- a word written capitalised inside a sentence somewhere in the dialogue and never written in
  lower case anywhere in it (names, and also place names: a label never says "Ekeby");
  such a word is also kept out where it starts a sentence;
- a word written right before a house number ("Storgatan [nr]", "Storg. [nr]"): masking puts
  "[nr]" only after street names, so every street given with a number is kept out.
Names a resident writes in lower case that are not in the list ("grannen kowalczyk") are
not detected; a label is a suggestion that an analyst reads before anyone else sees it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import scipy.sparse as sp

from analysis.text import mask_pii, stem, stopwords

LABEL_LANGUAGES = ("sv", "en")
MIN_N = 2
MAX_N = 4
MAX_PHRASES = 2
# A longer phrase replaces a shorter one inside it when it is in at least this share of the
# answers the shorter one is in ("mopeder på torget" rather than "mopeder ... torget").
EXTEND_SHARE = 0.6
# A second phrase is added when it scores at least this share of the first.
SECOND_SHARE = 0.5
PHRASE_SEPARATOR = "; "
# A phrase's score is its lift times (WORD_WEIGHT + its most distinctive word's lift).
WORD_WEIGHT = 0.1
N_NEAREST = 3
# Phrase labels of very large sets are drawn from a fixed sample of this many answers (the same
# seed every time): the phrases that mark a group out are as clear in 20,000 answers as in
# 100,000, and reading every answer's phrases was half the time of grouping 100,000 texts.
# Answer counts per language and nearest answers still use every answer.
LABEL_SAMPLE = 20_000
# A nearest answer must be more similar to the group than this percentile of all answers in
# its language to all groups other than their own.
NOISE_PERCENTILE = 90
# Longer "words" are run-together text or noise, never a label (and labels fit in a title).
MAX_WORD = 30

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Where a phrase cannot run on: sentence and clause punctuation, brackets, quotes, dashes
# between spaces and every placeholder.
_BREAK = re.compile(r"\[[^\]\n]{0,40}\]|[.,;:!?()\[\]{}\"“”«»/\n]+|\s[-–—]\s")
_SENTENCE_END = ".!?\n"


@cache
def names() -> frozenset[str]:
    """The shipped list of common first names and surnames, lower-cased."""
    raw = resources.files("analysis").joinpath("data", "names.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower()
        for line in raw.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def is_name(word: str) -> bool:
    """True for a listed name, also in the genitive ("svens", "johanssons", "anna's")."""
    word = word.lower()
    known = names()
    if word in known:
        return True
    for ending in ("'s", "’s", "s"):
        if word.endswith(ending) and word[: -len(ending)] in known:
            return True
    return False


def blocked_words(masked: Iterable[str], *, already_masked: bool = False) -> frozenset[str]:
    """Lower-cased words of a corpus that may name a person or an address (see module doc).

    Give it every answer of the dialogue: whether a capitalised word is ever written in lower
    case is judged over all of them. Texts are masked here unless `already_masked`.
    """
    lower_seen: set[str] = set()
    capital_inside: set[str] = set()
    before_number: set[str] = set()
    listed: set[str] = set()
    for raw in masked:
        text = raw if already_masked else mask_pii(raw or "")
        for match in _TOKEN.finditer(text):
            word = match.group(0)
            low = word.lower()
            if any(ch.isdigit() for ch in word):
                continue
            if is_name(low):
                listed.add(low)
            if text[match.end() :].lstrip().startswith("[nr]"):
                before_number.add(low)
            if word.islower():
                lower_seen.add(low)
            elif (word[0].isupper() and not word.isupper()
                  and not _starts_sentence(text, match.start())):
                capital_inside.add(low)
    function_words = stopwords("other")
    proper = {w for w in capital_inside if w not in lower_seen and w not in function_words}
    return frozenset(listed | proper | before_number)


def _starts_sentence(text: str, start: int) -> bool:
    """True when only spaces lie between `start` and the text's start or a sentence end."""
    i = start - 1
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _segments(text: str) -> list[list[str]]:
    """Runs of lower-cased word tokens between punctuation, placeholders and numbers."""
    runs: list[list[str]] = []
    for part in _BREAK.split(text):
        run: list[str] = []
        for token in _TOKEN.findall(part.lower()):
            if any(ch.isdigit() for ch in token):
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(token)
        if run:
            runs.append(run)
    return runs


class _Index:
    """Candidate phrases and content words of each answer in one language, and how many
    answers each occurs in, so every group is scored against the same totals."""

    def __init__(self, masked: Sequence[str], language: str, blocked: frozenset[str]) -> None:
        self.language = language
        self.blocked = blocked
        self.stop = stopwords(language)
        self._stems: dict[str, str] = {}
        self.phrases = [self._phrases(t) for t in masked]
        self.words = [self._words(t) for t in masked]
        self.phrase_df: Counter[tuple[str, ...]] = Counter()
        self.word_df: Counter[str] = Counter()
        for found in self.phrases:
            self.phrase_df.update(found.keys())
        for found_words in self.words:
            self.word_df.update(found_words.keys())

    def _stem(self, word: str) -> str:
        value = self._stems.get(word)
        if value is None:
            value = self._stems[word] = stem(word, self.language)
        return value

    def _usable(self, word: str) -> bool:
        return len(word) <= MAX_WORD and word not in self.blocked and not is_name(word)

    def _phrases(self, text: str) -> dict[tuple[str, ...], str]:
        """Stem key -> the words as written, for every candidate phrase of one answer."""
        found: dict[tuple[str, ...], str] = {}
        for run in _segments(text):
            for n in range(MIN_N, MAX_N + 1):
                for i in range(len(run) - n + 1):
                    words = run[i : i + n]
                    first, last = words[0], words[-1]
                    if (first in self.stop or last in self.stop or len(first) < 2
                            or len(last) < 2 or not all(self._usable(w) for w in words)):
                        continue
                    found.setdefault(tuple(self._stem(w) for w in words), " ".join(words))
        return found

    def _words(self, text: str) -> dict[str, str]:
        """Stem -> word as written, for every content word of one answer."""
        found: dict[str, str] = {}
        for run in _segments(text):
            for w in run:
                if len(w) > 1 and w not in self.stop and self._usable(w):
                    found.setdefault(self._stem(w), w)
        return found

    def label(self, members: Sequence[int]) -> str:
        """The phrase label of the answers at `members` against all the others."""
        n_in, n_out = len(members), len(self.phrases) - len(members)
        if not n_in:
            return ""
        df_in: Counter[tuple[str, ...]] = Counter()
        forms: dict[tuple[str, ...], Counter[str]] = {}
        for i in members:
            for key, surface in self.phrases[i].items():
                df_in[key] += 1
                forms.setdefault(key, Counter())[surface] += 1

        word_in: Counter[str] = Counter()
        for i in members:
            word_in.update(self.words[i].keys())

        def word_score(key: str) -> float:
            outside = self.word_df[key] - word_in[key]
            return max(0.0, word_in[key] / n_in - (outside / n_out if n_out else 0.0))

        def score(key: tuple[str, ...]) -> float:
            # How much more often the phrase is in the group than outside, weighted by its
            # most distinctive word, so "ljus i tunneln" beats "går hem från bussen".
            outside = self.phrase_df[key] - df_in[key]
            lift = df_in[key] / n_in - (outside / n_out if n_out else 0.0)
            return lift * (WORD_WEIGHT + max(word_score(w) for w in key))

        min_df = 2 if n_in >= 2 else 1
        candidates = [k for k, c in df_in.items() if c >= min_df and score(k) > 0]
        if not candidates:
            return self._single_word(members)
        candidates.sort(key=lambda k: (-score(k), -len(k), _everyday(forms[k])))
        chosen: list[tuple[str, ...]] = []
        for key in candidates:
            key = _extend(key, candidates, df_in)
            if chosen and (score(key) < SECOND_SHARE * score(chosen[0])
                           or any(set(key) & set(c) for c in chosen)):
                continue
            if key not in chosen:
                chosen.append(key)
            if len(chosen) == MAX_PHRASES:
                break
        return PHRASE_SEPARATOR.join(_everyday(forms[k]) for k in chosen)

    def _single_word(self, members: Sequence[int]) -> str:
        """The most distinctive content word of the answers at `members`, as written."""
        n_in, n_out = len(members), len(self.words) - len(members)
        df_in: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = {}
        for i in members:
            for key, word in self.words[i].items():
                df_in[key] += 1
                forms.setdefault(key, Counter())[word] += 1
        if not df_in:
            return ""

        def score(key: str) -> tuple[float, int, str]:
            outside = self.word_df[key] - df_in[key]
            return (df_in[key] / n_in - (outside / n_out if n_out else 0.0), df_in[key], key)

        return _everyday(forms[max(df_in, key=score)])


def phrase_label(
    texts: Sequence[str],
    language: str,
    background: Sequence[str] = (),
    blocked: Iterable[str] | None = None,
) -> str:
    """A short phrase or two from `texts` (one group's answers in `language`, "sv" or "en").

    `background`: the other answers in the same language, to score distinctiveness against;
    `blocked`: words never to use; None takes `blocked_words` of `texts` and `background`
    (give it those of the whole dialogue when these are not all of it). Texts are masked
    here again, so unmasked input is safe too. Returns "" when the group has no usable
    words; falls back to the most distinctive single word when no phrase is in two answers.
    """
    masked = [mask_pii(t or "") for t in [*texts, *background]]
    if not texts:
        return ""
    if blocked is None:
        words = blocked_words(masked, already_masked=True)
    else:
        words = frozenset(w.lower() for w in blocked)
    return _Index(masked, language, words).label(range(len(texts)))


def _extend(
    key: tuple[str, ...],
    candidates: Sequence[tuple[str, ...]],
    df_in: Mapping[tuple[str, ...], int],
) -> tuple[str, ...]:
    """The longest candidate containing `key` that most of its answers share."""
    best = key
    for other in candidates:
        if (len(other) > len(best) and _contains(other, key)
                and df_in[other] >= EXTEND_SHARE * df_in[key]):
            best = other
    return best


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """True when `short` is a contiguous part of `long`."""
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _everyday(forms: Counter[str]) -> str:
    """The most common written form (ties: alphabetically first)."""
    return min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def language_counts(languages: Iterable[str]) -> dict[str, int]:
    """How many answers there are per language, most first (ties: by code)."""
    counts = Counter(languages)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def nearest_answers(
    centre: np.ndarray,
    vectors: np.ndarray | sp.spmatrix,
    languages: Sequence[str],
    language: str,
    k: int = N_NEAREST,
    min_similarity: float = 0.0,
) -> list[int]:
    """Rows in `language` closest (cosine) to `centre`: shown to a reader when a group has
    no answers in their language, marked as the nearest answers, never as a translation.
    `vectors` may be dense or sparse, one row per answer. Rows not more similar than
    `min_similarity` are left out."""
    rows = np.flatnonzero(np.asarray(languages) == language)
    if not len(rows):
        return []
    sims = _cosines(vectors, rows, centre)
    order = np.argsort(-sims, kind="stable")
    return [int(rows[i]) for i in order[:k] if sims[i] > min_similarity]


@dataclass
class GroupDescription:
    """What a reader sees of one group besides its answers."""

    labels: dict[str, str] = field(default_factory=dict)  # language -> phrase label
    languages: dict[str, int] = field(default_factory=dict)  # language -> answers
    # language -> masked answers; an empty list: none in that language is close enough
    nearest: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {"labels": dict(self.labels), "languages": dict(self.languages),
                "nearest": {k: list(v) for k, v in self.nearest.items()}}


def describe_groups(
    texts: Sequence[str],
    languages: Sequence[str],
    groups: Sequence[int],
    vectors: np.ndarray | sp.spmatrix | None = None,
    label_languages: Sequence[str] = LABEL_LANGUAGES,
    skip: Iterable[int] = (-1,),
    *,
    already_masked: bool = False,
    blocked: frozenset[str] | None = None,
) -> dict[int, GroupDescription]:
    """Per group id: phrase labels in each of `label_languages` it has answers in, answers
    per language and, for a label language it has no answers in, the nearest answers in
    that language from the whole corpus.

    `languages`: one code per text (answers in other languages are counted, not labelled);
    `vectors`: one row per text (the clustering's); without them TF-IDF vectors of the texts
    are used. Groups in `skip` (the "various" bucket) get counts only. `already_masked` and
    `blocked` (`blocked_words` of the texts) spare a caller who has them the work again.
    """
    masked = list(texts) if already_masked else [mask_pii(t or "") for t in texts]
    langs = list(languages)
    if len(langs) != len(masked) or len(groups) != len(masked):
        raise ValueError("texts, languages and groups must have the same length")
    ids = np.asarray(groups, dtype=np.int64)
    if blocked is None:
        blocked = blocked_words(masked, already_masked=True)
    skipped = set(skip)
    present = [lang for lang in label_languages if lang in langs]
    sampled = set(range(len(masked)))
    if len(masked) > LABEL_SAMPLE:
        picked = np.random.default_rng(0).choice(len(masked), LABEL_SAMPLE, replace=False)
        sampled = set(picked.tolist())
    indexes: dict[str, tuple[_Index, dict[int, int]]] = {}
    for lang in present:
        rows = [i for i, code in enumerate(langs) if code == lang and i in sampled]
        indexes[lang] = (_Index([masked[i] for i in rows], lang, blocked),
                         {row: pos for pos, row in enumerate(rows)})
    out: dict[int, GroupDescription] = {}
    for gid in sorted({int(g) for g in ids.tolist()}):
        rows = np.flatnonzero(ids == gid).tolist()
        desc = GroupDescription(languages=language_counts(langs[i] for i in rows))
        if gid not in skipped:
            for lang, (index, position) in indexes.items():
                members = [position[i] for i in rows if i in position]
                if members:
                    desc.labels[lang] = index.label(members)
        out[gid] = desc
    missing = [(gid, lang) for gid, desc in out.items() if gid not in skipped
               for lang in present if lang not in desc.languages]
    if missing:
        matrix = vectors if vectors is not None else _tfidf(masked, langs)
        similarities: dict[str, _Similarities] = {}
        for gid, lang in missing:
            if lang not in similarities:  # every group's centre against this language's rows
                similarities[lang] = _similarities(lang, ids, langs, matrix, skipped)
            seen: list[str] = []
            for i in _nearest_for(gid, similarities[lang]):
                if masked[i] not in seen:
                    seen.append(masked[i])
                if len(seen) == N_NEAREST:
                    break
            out[gid].nearest[lang] = seen
    return out


@dataclass(frozen=True)
class _Similarities:
    """One language's rows against every group's centre (own group set to -inf), and the
    noise floor: computed once per language, shared by every group that needs nearest
    answers in it."""

    rows: np.ndarray
    column: dict[int, int]
    sims: np.ndarray
    best_other: np.ndarray
    floor: float


def _similarities(lang: str, ids: np.ndarray, langs: Sequence[str],
                  matrix: np.ndarray | sp.spmatrix, skipped: set[int]) -> _Similarities:
    rows = np.flatnonzero(np.asarray(langs) == lang)
    groups = [g for g in sorted({int(g) for g in ids.tolist()}) if g not in skipped]
    column = {g: k for k, g in enumerate(groups)}
    if not len(rows) or not groups:
        return _Similarities(rows, {}, np.zeros((0, 0)), np.zeros(0, dtype=np.int64), 0.0)
    centres = np.vstack([np.asarray(matrix[np.flatnonzero(ids == g)].mean(axis=0)).ravel()
                         for g in groups])
    sims = np.vstack([_cosines(matrix, rows, centre) for centre in centres]).T
    for r, i in enumerate(rows.tolist()):
        if int(ids[i]) in column:  # an answer is always closest to its own group
            sims[r, column[int(ids[i])]] = -np.inf
    # The noise floor: how similar this language's answers typically are to groups they are
    # not about. A nearest answer must stand clearly above it.
    finite = sims[np.isfinite(sims)]
    floor = max(0.0, float(np.percentile(finite, NOISE_PERCENTILE))) if finite.size else 0.0
    return _Similarities(rows, column, sims, np.argmax(sims, axis=1), floor)


def _nearest_for(gid: int, similar: _Similarities) -> list[int]:
    """Rows in the language of `similar` for group `gid`, most similar to its centre first,
    among those that, leaving their own group aside, are closer to this group than to any
    other.

    Similarities across languages are small and uneven, so an absolute cut-off either hides
    true matches or lets unrelated answers through; "closer to this group than to any other"
    keeps an answer about the square from being offered for the tunnel, and the noise floor
    (NOISE_PERCENTILE) keeps an answer that is close to no other group at all from being
    offered for whichever group happens to be least far."""
    if gid not in similar.column:
        return []
    me = similar.column[gid]
    sims, rows = similar.sims, similar.rows
    order = np.argsort(-sims[:, me], kind="stable").tolist()
    return [int(rows[r]) for r in order
            if similar.best_other[r] == me and sims[r, me] > similar.floor]


def _cosines(matrix: np.ndarray | sp.spmatrix, rows: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """Cosine similarity of each of `rows` to `centre` (0 for a zero row or centre)."""
    centre = np.asarray(centre, dtype=np.float64).ravel()
    norm = float(np.linalg.norm(centre))
    if norm == 0:
        return np.zeros(len(rows))
    block: Any = matrix[rows]
    if sp.issparse(block):
        norms = np.sqrt(np.asarray(block.multiply(block).sum(axis=1)).ravel())
    else:
        block = np.asarray(block, dtype=np.float64)
        norms = np.linalg.norm(block, axis=1)
    norms[norms == 0] = 1.0
    return np.asarray(block @ (centre / norm)).ravel() / norms


def _tfidf(masked: Sequence[str], languages: Sequence[str]) -> sp.csr_matrix:
    """Sparse, row-normalised TF-IDF vectors of the clustering features (stems, compound
    parts, character n-grams) when the caller has no vectors of its own."""
    from analysis.features import build_corpus, vectorize

    lib = [lang if lang in ("sv", "en") else "other" for lang in languages]
    return vectorize(build_corpus(masked, lib)).X
