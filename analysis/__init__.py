"""Analysis of citizen-dialogue answers: text preparation, clustering into candidate focus
areas, group breakdowns with small-cell suppression, assignment of new answers and
baseline/follow-up comparison. A plain library (no Flask, no database, no global state).

Public API:
- `mask_pii(text) -> str`, `detect_language(text) -> "sv" | "en" | "other"`,
  `prepare(text, language="auto") -> PreparedText`
- `cluster_texts(texts, languages=None, k=None, seed=0, features="lexical", vectors=None)
  -> ClusteringResult`; `analysis.embed.embed_texts(texts) -> (vectors, model_id)` gives the
  multilingual vectors to store and pass back as `vectors`
- `breakdown(assignments, groups) -> Breakdown`; `publishable(size, cells)`: rounded,
  suppressed figures for the public
- `build_assigner({area_id: [texts]}) -> AssignmentModel`, `assign(texts, model) -> [id | -1]`
- `compare_scale(baseline, follow_up, unsafe_steps) -> ScaleComparison`
Every result has `to_dict()` giving JSON-able data.
"""

from __future__ import annotations

__version__ = "0.1.0"

from analysis.assign import AssignmentModel, assign, build_assigner, similarities
from analysis.breakdown import (
    Breakdown,
    ClusterBreakdown,
    GroupCell,
    PublishedFigures,
    breakdown,
    feasible_values,
    possible_values,
    publishable,
)
from analysis.cluster import VARIOUS_ID, Cluster, ClusteringResult, cluster_texts
from analysis.compare import ScaleComparison, Share, StepComparison, compare_scale
from analysis.text import PreparedText, detect_language, mask_pii, normalize, prepare

__all__ = [
    "VARIOUS_ID",
    "AssignmentModel",
    "Breakdown",
    "Cluster",
    "ClusterBreakdown",
    "ClusteringResult",
    "GroupCell",
    "PreparedText",
    "PublishedFigures",
    "ScaleComparison",
    "Share",
    "StepComparison",
    "__version__",
    "assign",
    "breakdown",
    "build_assigner",
    "cluster_texts",
    "compare_scale",
    "detect_language",
    "feasible_values",
    "mask_pii",
    "normalize",
    "possible_values",
    "prepare",
    "publishable",
    "similarities",
]
