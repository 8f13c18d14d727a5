"""Baseline vs follow-up answers to the same scale question ("How safe do you feel …?").

Inputs are plain counts per answer step; outputs are dataclasses with shares, 95% Wilson
intervals, the share "feeling unsafe" (the steps the caller names) and its change with
Newcombe's 95% interval and a pooled two-proportion z-test.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from analysis.stats import newcombe, two_proportion_p, wilson

Counts = Mapping[str, int] | Sequence[int]


@dataclass
class Share:
    """x out of n, the share and its 95% Wilson interval."""

    x: int
    n: int
    share: float | None
    ci: tuple[float, float] | None


@dataclass
class StepComparison:
    """One answer step in both surveys."""

    step: str
    baseline: Share
    follow_up: Share


@dataclass
class ScaleComparison:
    """Per-step shares, the unsafe share in each survey and its change."""

    steps: list[StepComparison]
    unsafe_steps: list[str]
    baseline_unsafe: Share
    follow_up_unsafe: Share
    difference: float | None
    difference_ci: tuple[float, float] | None
    p_value: float | None
    significant: bool
    alpha: float

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)


def _as_mapping(counts: Counts, steps: Sequence[str] | None) -> dict[str, int]:
    """Counts keyed by step label; a list is positional (labels from `steps` or 1..n)."""
    if isinstance(counts, Mapping):
        data = {str(k): int(v) for k, v in counts.items()}
    else:
        labels = list(steps) if steps is not None else [str(i + 1) for i in range(len(counts))]
        if len(labels) != len(counts):
            raise ValueError("steps must name every position in the counts list")
        data = {str(label): int(v) for label, v in zip(labels, counts, strict=True)}
    if any(v < 0 for v in data.values()):
        raise ValueError("counts cannot be negative")
    return data


def _share(x: int, n: int) -> Share:
    """Share with interval; None when nobody answered."""
    if n == 0:
        return Share(x, n, None, None)
    lo, hi = wilson(x, n)
    return Share(x, n, round(x / n, 6), (round(lo, 6), round(hi, 6)))


def compare_scale(
    baseline: Counts,
    follow_up: Counts,
    unsafe_steps: Collection[str | int],
    steps: Sequence[str] | None = None,
    alpha: float = 0.05,
) -> ScaleComparison:
    """Compare two distributions of answers to one scale question.

    `unsafe_steps` names the steps that count as feeling unsafe (e.g. {"Mycket otrygg",
    "Ganska otrygg"}); steps are compared as strings. The change is follow-up minus baseline.
    """
    base = _as_mapping(baseline, steps)
    follow = _as_mapping(follow_up, steps)
    order = list(steps) if steps is not None else list(base)
    order += [s for s in follow if s not in order]
    order += [s for s in base if s not in order]
    unsafe = [str(s) for s in unsafe_steps]
    unknown = [s for s in unsafe if s not in order]
    if unknown:
        raise ValueError(f"unsafe steps not among the answer steps: {unknown}")
    n1, n2 = sum(base.values()), sum(follow.values())
    rows = [
        StepComparison(s, _share(base.get(s, 0), n1), _share(follow.get(s, 0), n2)) for s in order
    ]
    x1 = sum(base.get(s, 0) for s in unsafe)
    x2 = sum(follow.get(s, 0) for s in unsafe)
    diff: float | None = None
    ci: tuple[float, float] | None = None
    p: float | None = None
    if n1 and n2:
        diff = round(x2 / n2 - x1 / n1, 6)
        lo, hi = newcombe(x2, n2, x1, n1)
        ci = (round(lo, 6), round(hi, 6))
        p = round(two_proportion_p(x2, n2, x1, n1), 6)
    significant = p is not None and ci is not None and p < alpha and (ci[0] > 0 or ci[1] < 0)
    return ScaleComparison(
        steps=rows,
        unsafe_steps=unsafe,
        baseline_unsafe=_share(x1, n1),
        follow_up_unsafe=_share(x2, n2),
        difference=diff,
        difference_ci=ci,
        p_value=p,
        significant=significant,
        alpha=alpha,
    )


SMALL_COUNT = 5


def hidden_steps(counts: Mapping[str, int], unsafe: Collection[str]
                 ) -> tuple[set[str], bool, bool]:
    """Which steps of one survey to hide, whether to hide its "feeling unsafe" row, and
    whether to withhold the survey's column altogether (n included): when every step is
    small, n alone would pin them.

    A step answered by 1 to 4 people is hidden (its share times n would give the count) and
    shows "<5"; a larger step hidden to protect it shows ".." (`marker`).
    The number who answered (n) is public and so is the unsafe total, so hidden steps are
    added until no hidden count follows from those sums: an equation whose hidden values
    would be pinned by their bounds (0-4 each) gets its smallest shown step hidden too; the
    unsafe row is hidden when it is small itself or cannot be protected.
    """
    hidden = {s for s, v in counts.items() if 0 < v < SMALL_COUNT}
    unsafe_total = sum(counts.get(s, 0) for s in unsafe)
    unsafe_hidden = 0 < unsafe_total < SMALL_COUNT

    n = sum(counts.values())

    def bounds(step: str) -> tuple[int, int]:
        # What a reader knows of a hidden step from its marker: "<5" or ".." (5 or more).
        return (0, SMALL_COUNT - 1) if counts[step] < SMALL_COUNT else (SMALL_COUNT, n)

    def pinned(members: Collection[str]) -> bool:
        inside = [s for s in members if s in hidden]
        if len(inside) == 1:
            return True
        total = sum(counts[s] for s in inside)
        return bool(inside) and total in (sum(bounds(s)[0] for s in inside),
                                          sum(bounds(s)[1] for s in inside))

    changed = True
    while changed:
        changed = False
        # n is public; with the unsafe total, so are the unsafe steps' sum and the rest's.
        equations = [list(counts)] + ([] if unsafe_hidden else [
            [s for s in counts if s in unsafe], [s for s in counts if s not in unsafe]])
        for members in equations:
            if not pinned(members):
                continue
            shown = [s for s in members if s not in hidden]
            if not shown:
                if members is equations[0]:
                    return set(counts), True, True
                if not unsafe_hidden:
                    unsafe_hidden = True
                    changed = True
                continue
            hidden.add(min(shown, key=lambda s: (counts[s] != 0, counts[s], s)))
            changed = True
    return hidden, unsafe_hidden, False


def marker(count: int) -> str:
    """How a hidden step is shown: "<5" when it is small (true), else ".." (withheld)."""
    return "<5" if count < SMALL_COUNT else ".."
