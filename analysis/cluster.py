"""Cluster free-text answers into candidate focus areas.

Method (LSA + k-means, all seeded):
1. features: stemmed content words + compound parts and char_wb 3-5-grams (see features.py);
2. TruncatedSVD to at most 100 dimensions, fitted on a sample of at most 20,000 rows, then
   rows L2-normalised, so Euclidean k-means behaves like cosine (spherical) k-means;
3. k (when not given) is chosen by the highest silhouette on a sample of at most 4,000 rows,
   over a grid between 2 and min(40, n/5);
4. the final k-means runs on all rows. Silhouette favours many small, tight clusters on short
   texts (the same complaint in different words), so when k was chosen automatically,
   clusters whose centres have cosine similarity >= `merge_similarity` are merged
   (average-linkage agglomeration of the centres);
5. an answer whose cosine similarity to its centre is below `min_similarity`, or that ends
   alone in a cluster, goes to the "various" bucket (id -1).
Cluster ids are renumbered by size (0 = largest). Time and memory grow about linearly in n.

With `features="multilingual"` step 1-2 become: multilingual sentence vectors (analysis.embed,
or the stored ones given as `vectors`) without their language component, joined with the
lexical LSA rows weighted by `lexical_weight`; steps 3-5 are the same. Labels and the
assignment model still come from the lexical features.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize as l2_normalize

from analysis.assign import model_from_matrix
from analysis.features import Corpus, Matrix, build_corpus, vectorize
from analysis.labels import blocked_words, describe_groups, is_name
from analysis.text import stem, strip_placeholders, tokenize

Features = Literal["multilingual", "lexical"]
FEATURES: tuple[Features, ...] = ("multilingual", "lexical")

VARIOUS_ID = -1
VARIOUS_LABEL = "Övrigt (ej klustrat)"
MAX_K = 40
MIN_PER_CLUSTER = 5
SVD_DIMENSIONS = 100
SVD_SAMPLE = 20_000
SELECTION_SAMPLE = 4_000
K_GRID = (2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 18, 20, 23, 26, 30, 35, 40)
N_TERMS = 10
N_LABEL_TERMS = 3
N_EXAMPLES = 3
MAX_LABEL = 160
# Share of the lexical LSA part next to the sentence vectors (both language-corrected). On the
# benchmark sets (NMI): SIB-200 k auto 0.30 at 0 / 0.32 at 0.3 / 0.29 at 0.5 (with language
# NMI 0.12); police notices 0.50 / 0.52 / 0.54 (lexical alone 0.53); demo residents
# 0.56 / 0.63 / 0.64 (lexical alone 0.60).
LEXICAL_WEIGHT = 0.3


@dataclass
class Cluster:
    """One candidate focus area (or the "various" bucket when id is -1)."""

    id: int
    label: str
    terms: list[str]
    size: int
    share: float
    examples: list[str]
    members: list[int] = field(default_factory=list)
    # Readable phrase label per language ("sv", "en") the group has answers in.
    labels: dict[str, str] = field(default_factory=dict)
    # Answers per language ("sv", "en", "other"), most first.
    languages: dict[str, int] = field(default_factory=dict)
    # For "sv"/"en" when the group has no answers in it: the closest answers in that
    # language from the whole corpus (masked), shown as nearest answers, not a translation;
    # an empty list when none is close enough.
    nearest: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self, include_members: bool = False) -> dict[str, Any]:
        """Plain dict for JSON; member indices only on request (they can be long)."""
        data: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "terms": list(self.terms),
            "size": self.size,
            "share": self.share,
            "examples": list(self.examples),
            "labels": dict(self.labels),
            "languages": dict(self.languages),
            "nearest": {lang: list(texts) for lang, texts in self.nearest.items()},
        }
        if include_members:
            data["members"] = list(self.members)
        return data


@dataclass
class ClusteringResult:
    """Clusters, one assignment per input text, the parameters used and an assignment model.

    `model` is a JSON-able `AssignmentModel` dict: store it with the run and pass it to
    `assign()` to place new answers without clustering again.
    """

    clusters: list[Cluster]
    assignments: list[int]
    params: dict[str, Any]
    version: str
    model: dict[str, Any]

    def to_dict(self, include_members: bool = False) -> dict[str, Any]:
        """Plain dict for JSON."""
        return {
            "clusters": [c.to_dict(include_members) for c in self.clusters],
            "assignments": list(self.assignments),
            "params": dict(self.params),
            "version": self.version,
            "model": self.model,
        }


def cluster_texts(
    texts: Sequence[str],
    languages: Sequence[str] | str | None = None,
    k: int | None = None,
    seed: int = 0,
    min_similarity: float = 0.2,
    max_k: int = MAX_K,
    merge_similarity: float | None = 0.3,
    features: Features = "lexical",
    vectors: np.ndarray | None = None,
    lexical_weight: float = LEXICAL_WEIGHT,
    correct_language: bool = True,
) -> ClusteringResult:
    """Cluster answers; `k=None` chooses the number of clusters automatically.

    `languages`: None/"auto" (guess per text), one code for all ("sv", "en", "other") or
    one code per text. `merge_similarity=None` keeps the k-means clusters unmerged.
    `features`: "lexical" (words and character fragments; fast, for very large sets) or
    "multilingual" (meaning across languages; `vectors` are the texts' stored
    `analysis.embed.embed_texts` rows, computed here when None), joined with the lexical
    features by `lexical_weight` (0: meaning only); `correct_language=False` keeps the
    vectors' language component (for measuring it). Same input and seed give identical output.
    """
    from analysis import __version__

    if k is not None and k < 1:
        raise ValueError("k must be at least 1")
    if features not in FEATURES:
        raise ValueError(f"unknown features {features!r}; use 'multilingual' or 'lexical'")
    if not 0.0 <= lexical_weight <= 1.0:
        raise ValueError("lexical_weight must be between 0 and 1")
    texts = [t if isinstance(t, str) else "" for t in texts]
    n = len(texts)
    if vectors is not None and (vectors.ndim != 2 or len(vectors) != n):
        raise ValueError("vectors must have one row per text")
    corpus = build_corpus(texts, languages)
    matrix = vectorize(corpus)
    if features == "lexical":
        valid = np.flatnonzero(matrix.X.getnnz(axis=1) > 0)
    else:
        valid = np.array(
            [i for i, t in enumerate(corpus.masked) if tokenize(strip_placeholders(t))],
            dtype=np.int64,
        )
    labels = np.full(n, VARIOUS_ID, dtype=np.int64)
    params: dict[str, Any] = {
        "k": k,
        "seed": seed,
        "min_similarity": min_similarity,
        "max_k": max_k,
        "merge_similarity": merge_similarity,
        "languages": languages if isinstance(languages, str) or languages is None else "given",
        "n_texts": n,
        "n_with_words": len(valid),
        "features": features,
        "method": "tfidf(stems+compound parts, char_wb 3-5) -> svd -> spherical k-means",
    }
    sims = np.zeros(n, dtype=np.float64)
    reduced_rows: np.ndarray | None = None  # each text's row of Z, for labels and nearest
    k_scores: dict[int, float] = {}
    if len(valid) > 0:
        if features == "lexical":
            Z = _reduce(matrix.X[valid], seed)
        else:
            Z = _multilingual(
                corpus, matrix, valid, vectors, lexical_weight, correct_language, seed, params
            )
        reduced_rows = np.zeros((n, Z.shape[1]), dtype=np.float64)
        reduced_rows[valid] = Z
        distinct = len({row.tobytes() for row in Z})
        if k is None:
            k_upper = min(max_k, len(valid) // MIN_PER_CLUSTER, distinct)
            chosen, k_scores = _choose_k(Z, k_upper, seed) if k_upper >= 2 else (1, {})
        else:
            chosen = min(k, distinct)
        raw, sim = _kmeans(Z, chosen, seed)
        params["k_chosen"] = chosen
        if k is None and merge_similarity is not None and chosen >= 3:
            raw, sim = _merge(Z, raw, merge_similarity)
        params["k_after_merge"] = len(np.unique(raw))
        labels[valid] = raw
        sims[valid] = sim
        labels[(sims < min_similarity) & (labels >= 0)] = VARIOUS_ID
        if len(valid) >= 2 * MIN_PER_CLUSTER:
            sizes = np.bincount(labels[labels >= 0], minlength=chosen)
            labels[np.isin(labels, np.flatnonzero(sizes < 2))] = VARIOUS_ID
        labels = _renumber(labels)
    else:
        params["k_chosen"] = 0
    params["silhouette"] = {str(kk): round(v, 4) for kk, v in k_scores.items()}
    params["language_counts"] = {
        lang: corpus.languages.count(lang) for lang in ("sv", "en", "other")
    }
    clusters = _describe(corpus, matrix, labels, sims, reduced_rows)
    names = {c.id: c.label for c in clusters if c.id != VARIOUS_ID}
    language = languages if isinstance(languages, str) else "auto"
    model = model_from_matrix(texts, matrix, labels.tolist(), names, language, seed)
    return ClusteringResult(
        clusters=clusters,
        assignments=labels.tolist(),
        params=params,
        version=__version__,
        model=model.to_dict(),
    )


def _multilingual(
    corpus: Corpus,
    matrix: Matrix,
    valid: np.ndarray,
    vectors: np.ndarray | None,
    lexical_weight: float,
    correct_language: bool,
    seed: int,
    params: dict[str, Any],
) -> np.ndarray:
    """Sentence vectors of the valid rows without their language component, joined with the
    lexical LSA rows (each part unit length, weighted), rows re-normalised."""
    from analysis.embed import embed_texts, model_id, remove_language_component, whiten
    from analysis.langid import guess_language

    if vectors is None:
        vectors, used_model = embed_texts([corpus.masked[i] for i in valid.tolist()])
    else:
        vectors, used_model = np.asarray(vectors)[valid], model_id()
    codes = [guess_language(corpus.masked[i]) for i in valid.tolist()]
    groups = codes if correct_language else ["und"] * len(codes)
    Z = whiten(remove_language_component(vectors, groups))
    params["embedding_model"] = used_model
    params["lexical_weight"] = lexical_weight
    params["language_correction"] = correct_language
    params["embedding_languages"] = {c: codes.count(c) for c in sorted(set(codes))}
    params["method"] = (
        "multilingual-e5 minus language component -> whitened (<= 30 dims)"
        + (" + tfidf lsa" if lexical_weight > 0 else "")
        + " -> spherical k-means"
    )
    if lexical_weight > 0:
        has_words = matrix.X[valid].getnnz(axis=1) > 0
        L = np.zeros((len(valid), 1))
        if has_words.any():
            reduced = _reduce(matrix.X[valid[has_words]], seed)
            L = np.zeros((len(valid), reduced.shape[1]))
            # character fragments differ by script and spelling: the same correction applies
            L[has_words] = remove_language_component(
                reduced, [g for g, keep in zip(groups, has_words, strict=True) if keep]
            )
        Z = np.hstack([np.sqrt(1.0 - lexical_weight) * Z, np.sqrt(lexical_weight) * L])
        norms = np.linalg.norm(Z, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        Z = Z / norms
    return Z


def _reduce(X: sp.csr_matrix, seed: int) -> np.ndarray:
    """LSA: SVD fitted on a sample, applied to all rows, rows re-normalised."""
    n, m = X.shape
    dims = min(SVD_DIMENSIONS, n - 1, m - 1)
    if dims < 2:
        return np.asarray(l2_normalize(X).toarray(), dtype=np.float64)
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n, SVD_SAMPLE, replace=False)) if n > SVD_SAMPLE else None
    svd = TruncatedSVD(n_components=dims, random_state=seed, algorithm="randomized", n_iter=5)
    svd.fit(X[sample] if sample is not None else X)
    Z = np.asarray(svd.transform(X), dtype=np.float64)
    norms = np.linalg.norm(Z, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return Z / norms


def _choose_k(Z: np.ndarray, k_upper: int, seed: int) -> tuple[int, dict[int, float]]:
    """k with the best silhouette on a sample (ties: the smaller k)."""
    rng = np.random.default_rng(seed)
    if len(Z) > SELECTION_SAMPLE:
        sample = Z[np.sort(rng.choice(len(Z), SELECTION_SAMPLE, replace=False))]
    else:
        sample = Z
    distinct = len({row.tobytes() for row in sample})
    candidates = [kk for kk in K_GRID if kk <= min(k_upper, distinct - 1)]
    if not candidates:
        return min(2, k_upper), {}
    scores: dict[int, float] = {}
    for kk in candidates:
        km = KMeans(n_clusters=kk, n_init=2, random_state=seed).fit(sample)
        if len(set(km.labels_.tolist())) < 2:
            continue
        scores[kk] = float(silhouette_score(sample, km.labels_, random_state=seed))
    if not scores:
        return candidates[0], {}
    best = max(scores.items(), key=lambda kv: (round(kv[1], 6), -kv[0]))[0]
    return best, scores


def _kmeans(Z: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Final k-means labels and each row's cosine similarity to its centre."""
    if k <= 1:
        centre = Z.mean(axis=0)
        norm = np.linalg.norm(centre)
        sims = Z @ (centre / norm) if norm > 0 else np.ones(len(Z))
        return np.zeros(len(Z), dtype=np.int64), sims
    km = KMeans(n_clusters=k, n_init=3 if len(Z) <= 20_000 else 1, random_state=seed).fit(Z)
    centres = l2_normalize(km.cluster_centers_)
    labels = km.labels_.astype(np.int64)
    sims = np.einsum("ij,ij->i", Z, centres[labels])
    return labels, sims


def _merge(
    Z: np.ndarray, labels: np.ndarray, similarity: float
) -> tuple[np.ndarray, np.ndarray]:
    """Merge clusters with similar centres; return new labels and similarities to them."""
    ids = np.unique(labels)
    centres = l2_normalize(np.vstack([Z[labels == c].mean(axis=0) for c in ids]))
    groups = AgglomerativeClustering(
        n_clusters=None, distance_threshold=1.0 - similarity, metric="cosine", linkage="average"
    ).fit_predict(centres)
    lookup = np.zeros(int(ids.max()) + 1, dtype=np.int64)
    lookup[ids] = groups
    merged = lookup[labels]
    k = int(merged.max()) + 1
    centres = l2_normalize(np.vstack([Z[merged == c].mean(axis=0) for c in range(k)]))
    return merged, np.einsum("ij,ij->i", Z, centres[merged])


def _renumber(labels: np.ndarray) -> np.ndarray:
    """Ids 0..k-1 by decreasing size (ties: earliest first member), -1 kept."""
    ids = [int(c) for c in np.unique(labels) if c != VARIOUS_ID]
    first = {c: int(np.flatnonzero(labels == c)[0]) for c in ids}
    sizes = {c: int((labels == c).sum()) for c in ids}
    order = sorted(ids, key=lambda c: (-sizes[c], first[c]))
    out = np.full_like(labels, VARIOUS_ID)
    for new, old in enumerate(order):
        out[labels == old] = new
    return out


def _describe(
    corpus: Corpus, matrix: Matrix, labels: np.ndarray, sims: np.ndarray,
    vectors: np.ndarray | None = None,
) -> list[Cluster]:
    """Label, distinctive terms (everyday form), representative examples, answers per
    language and readable phrase labels per cluster.

    The label is the phrase label in the group's main language (Swedish or English), else
    its first terms. Neither labels nor terms ever hold a masked detail, a name or a street
    given with a house number (`analysis.labels.blocked_words`).
    """
    n = len(labels)
    ids = sorted(int(c) for c in np.unique(labels) if c != VARIOUS_ID)
    Xw = matrix.word_block
    total = np.asarray(Xw.sum(axis=0)).ravel() if Xw.shape[1] else np.zeros(0)
    words = blocked_words(corpus.masked, already_masked=True)
    readable = describe_groups(corpus.masked, corpus.languages, labels.tolist(), vectors,
                               already_masked=True, blocked=words)
    blocked = _blocked_terms(words)
    clusters: list[Cluster] = []
    for cid in ids:
        rows = np.flatnonzero(labels == cid)
        terms = _terms(corpus, matrix, rows, total, n, blocked)
        desc = readable[cid]
        phrases = {lang: text for lang, text in desc.labels.items() if text}
        main = next((lang for lang in desc.languages if lang in phrases), None)
        clusters.append(
            Cluster(
                id=cid,
                label=((phrases[main] if main else ", ".join(terms[:N_LABEL_TERMS]))
                       or "(inga ord)")[:MAX_LABEL],
                terms=terms,
                size=len(rows),
                share=round(len(rows) / n, 6) if n else 0.0,
                examples=_examples(corpus.masked, rows, sims),
                members=rows.tolist(),
                labels=phrases,
                languages=desc.languages,
                nearest=desc.nearest,
            )
        )
    various = np.flatnonzero(labels == VARIOUS_ID)
    if len(various):
        clusters.append(
            Cluster(
                id=VARIOUS_ID,
                label=VARIOUS_LABEL,
                terms=[],
                size=len(various),
                share=round(len(various) / n, 6),
                examples=_unique_texts(corpus.masked, various.tolist()),
                members=various.tolist(),
                languages=readable[VARIOUS_ID].languages,
            )
        )
    return clusters


def _blocked_terms(words: frozenset[str]) -> frozenset[str]:
    """Surface words and stems that may name a person or an address: never a term."""
    stems = {stem(w, lang) for w in words for lang in ("sv", "en")}
    return frozenset(words | stems)


def _terms(
    corpus: Corpus, matrix: Matrix, rows: np.ndarray, total: np.ndarray, n: int,
    blocked: frozenset[str] = frozenset(),
) -> list[str]:
    """Words more frequent (by TF-IDF mass) inside the cluster than outside, everyday form;
    names, streets with a number and anything `blocked` left out."""
    if not len(total) or n == 0:
        return []
    inside = np.asarray(matrix.word_block[rows].sum(axis=0)).ravel()
    rest = n - len(rows)
    score = inside / len(rows) - ((total - inside) / rest if rest else 0.0)
    order = np.argsort(-score, kind="stable")
    terms: list[str] = []
    for j in order.tolist():
        if score[j] <= 0 or len(terms) >= N_TERMS:
            break
        feature = matrix.word_vocab[j]
        word = corpus.surface.get(feature, feature)
        if feature in blocked or word in blocked or is_name(word):
            continue
        if word not in terms:
            terms.append(word)
    return terms


def _examples(masked: list[str], rows: np.ndarray, sims: np.ndarray) -> list[str]:
    """The distinct member texts closest to the centre (already PII-masked)."""
    order = rows[np.argsort(-sims[rows], kind="stable")]
    return _unique_texts(masked, order.tolist())


def _unique_texts(masked: list[str], rows: list[int]) -> list[str]:
    """First N_EXAMPLES distinct non-empty texts in the given order."""
    seen: list[str] = []
    for i in rows:
        text = masked[i]
        if text and text not in seen:
            seen.append(text)
            if len(seen) == N_EXAMPLES:
                break
    return seen
