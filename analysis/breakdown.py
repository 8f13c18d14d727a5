"""Who raised each concern: cluster membership broken down by a group column.

Table: one row per cluster (including -1 "various"), one column per group value. Row totals
(cluster sizes) and the grand total are public; group totals are public unless small.

Small cells (disclosure control):
- any count from 1 to 4 is shown as "<5" (primary suppression); group totals too;
- complementary suppression: in every row (cluster), every column (group, with its total) and
  the row of group totals, a hidden value must not follow by subtraction from what is shown
  and from the markers' ranges (0-4 for "<5", or 1-4 for a reader who assumes zeros are
  shown; 5 or more for ".."): more values are hidden
  until none does. The second value hidden is an unhidden zero when there
  is one (shown as "<5", which is true) and otherwise the smallest count, shown as ".."
  ("withheld so that a small count cannot be derived").
- limitation: this is the usual equation-by-equation heuristic, not a full linear-programming
  audit. One case it cannot repair, because cluster sizes are public: a cluster whose every
  group cell is small and pinned by its size (4 women + 4 men in a cluster of 8 with no
  other group); `Breakdown.exposed` lists such clusters so the caller can leave them out.
- shares, intervals and tests are left out (None) wherever the count or the group total is
  hidden, since they would give the count back.

Groups: every distinct value is its own group; values other than woman/man ("another gender",
"prefer not to say" …) are first-class. A missing value (None, "" or blanks) is the group
"unknown" (`MISSING_GROUP`).

Tests: for each cluster and group, the group's share raising the concern is compared with
everybody else's (group vs rest): 95% Wilson intervals, Newcombe's interval for the
difference and a pooled two-proportion z-test. `raises_more` is True when the group's share is
higher, p < alpha and the difference interval excludes 0. Many clusters x groups are tested at
once, so expect about one false flag per 20 tests that are really equal; read flags as leads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from analysis.stats import newcombe, two_proportion_p, wilson

SMALL = "<5"
WITHHELD = ".."
MIN_SHOWN = 5
MISSING_GROUP = "unknown"

Count = int | str


@dataclass
class GroupCell:
    """One group in one cluster: count (or a suppression marker) and the comparison."""

    group: str
    count: Count
    group_total: Count
    share: float | None
    share_ci: tuple[float, float] | None
    rest_share: float | None
    difference: float | None
    difference_ci: tuple[float, float] | None
    p_value: float | None
    raises_more: bool


@dataclass
class ClusterBreakdown:
    """One cluster's row: its size, overall share and a cell per group."""

    cluster_id: int
    size: int
    share: float
    cells: list[GroupCell]

    def counts(self) -> dict[str, Count]:
        """{group: count or marker}, the shape the CLI writes."""
        return {cell.group: cell.count for cell in self.cells}


@dataclass
class Breakdown:
    """Cluster x group table with suppression applied; safe to show as it is."""

    groups: list[str]
    group_totals: dict[str, Count]
    total: int
    clusters: list[ClusterBreakdown]
    alpha: float
    exposed: list[int]

    def row(self, cluster_id: int) -> ClusterBreakdown:
        """The row for one cluster id."""
        for row in self.clusters:
            if row.cluster_id == cluster_id:
                return row
        raise KeyError(cluster_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON (intervals become two-item lists)."""
        return asdict(self)


def group_label(value: object) -> str:
    """The group a raw value belongs to; missing values form the group "unknown"."""
    if value is None:
        return MISSING_GROUP
    text = str(value).strip()
    return text or MISSING_GROUP


def breakdown(
    assignments: Sequence[int], groups: Sequence[object], alpha: float = 0.05
) -> Breakdown:
    """Counts, shares and group-vs-rest tests per cluster, with small cells suppressed."""
    if len(assignments) != len(groups):
        raise ValueError("assignments and groups must have the same length")
    labels = [group_label(g) for g in groups]
    total = len(labels)
    group_totals = Counter(labels)
    order = sorted(group_totals, key=lambda g: (g == MISSING_GROUP, -group_totals[g], g))
    cluster_ids = sorted(set(assignments), key=lambda c: (c < 0, c))
    table = {c: Counter() for c in cluster_ids}  # type: dict[int, Counter[str]]
    for cid, g in zip(assignments, labels, strict=True):
        table[cid][g] += 1
    matrix = [[table[c][g] for g in order] for c in cluster_ids]
    col_totals = [group_totals[g] for g in order]
    hidden, hidden_totals, exposed_rows = suppress(matrix, col_totals)
    rows = []
    for i, cid in enumerate(cluster_ids):
        size = sum(matrix[i])
        cells = []
        for j, g in enumerate(order):
            x, n_g = matrix[i][j], col_totals[j]
            shown = _marker(x) if hidden[i][j] else x
            shown_total = _marker(n_g) if hidden_totals[j] else n_g
            if hidden[i][j] or hidden_totals[j]:
                cells.append(GroupCell(g, shown, shown_total, None, None, None, None, None,
                                       None, False))
                continue
            cells.append(_compare(g, x, n_g, size, total, alpha))
        rows.append(ClusterBreakdown(cid, size, round(size / total, 6) if total else 0.0, cells))
    totals_shown: dict[str, Count] = {
        g: (_marker(col_totals[j]) if hidden_totals[j] else col_totals[j])
        for j, g in enumerate(order)
    }
    exposed = [cluster_ids[i] for i in exposed_rows]
    return Breakdown(order, totals_shown, total, rows, alpha, exposed)


def _marker(value: int) -> str:
    """"<5" for hidden values that are below 5 (true), ".." for larger withheld ones."""
    return SMALL if value < MIN_SHOWN else WITHHELD


def _compare(group: str, x: int, n_g: int, size: int, total: int, alpha: float) -> GroupCell:
    """Group vs rest comparison for one visible cell."""
    rest_x, rest_n = size - x, total - n_g
    share = x / n_g if n_g else 0.0
    rest_share = rest_x / rest_n if rest_n else None
    if rest_n <= 0:
        return GroupCell(group, x, n_g, round(share, 6), _round(wilson(x, n_g)), None, None,
                         None, None, False)
    diff = share - rest_x / rest_n
    ci = newcombe(x, n_g, rest_x, rest_n)
    p = two_proportion_p(x, n_g, rest_x, rest_n)
    flag = diff > 0 and p < alpha and ci[0] > 0
    return GroupCell(
        group=group,
        count=x,
        group_total=n_g,
        share=round(share, 6),
        share_ci=_round(wilson(x, n_g)),
        rest_share=round(rest_share, 6) if rest_share is not None else None,
        difference=round(diff, 6),
        difference_ci=_round(ci),
        p_value=round(p, 6),
        raises_more=flag,
    )


def _round(pair: tuple[float, float]) -> tuple[float, float]:
    """Six decimals is plenty for a share."""
    return (round(pair[0], 6), round(pair[1], 6))


def suppress(matrix: Sequence[Sequence[int]], col_totals: Sequence[int]) -> tuple[
    list[list[bool]], list[bool], list[int]
]:
    """Primary (1-4) and complementary suppression; returns hidden flags for cells and for
    the column totals, and the rows still pinned by their public size (see the limitation).
    Row totals and the grand total are treated as public."""
    rows, cols = len(matrix), len(col_totals)
    hidden = [[0 < matrix[i][j] < MIN_SHOWN for j in range(cols)] for i in range(rows)]
    hidden_t = [0 < col_totals[j] < MIN_SHOWN for j in range(cols)]

    # Each equation is a list of items: ("cell", i, j) or ("total", j).
    equations: list[list[tuple[int, int]]] = []
    for i in range(rows):
        equations.append([(i, j) for j in range(cols)])
    for j in range(cols):
        equations.append([(i, j) for i in range(rows)] + [(-1, j)])
    equations.append([(-1, j) for j in range(cols)])

    def value(item: tuple[int, int]) -> int:
        i, j = item
        return col_totals[j] if i < 0 else matrix[i][j]

    def is_hidden(item: tuple[int, int]) -> bool:
        i, j = item
        return hidden_t[j] if i < 0 else hidden[i][j]

    def hide(item: tuple[int, int]) -> None:
        i, j = item
        if i < 0:
            hidden_t[j] = True
        else:
            hidden[i][j] = True

    def bounds(item: tuple[int, int]) -> tuple[int, int]:
        # What a reader knows about a hidden value from its marker.
        return (0, MIN_SHOWN - 1) if value(item) < MIN_SHOWN else (MIN_SHOWN, 10**9)

    def pinned(eq: list[tuple[int, int]]) -> bool:
        # True when a hidden value in the equation follows from the others' bounds.
        hidden_items = [item for item in eq if is_hidden(item)]
        if len(hidden_items) == 1:
            return True
        if not hidden_items:
            return False
        total = sum(value(item) for item in hidden_items)
        lows = [bounds(item)[0] for item in hidden_items]
        highs = [bounds(item)[1] for item in hidden_items]
        # A reader may also take every "<5" to be 1-4, since zeros are mostly shown as 0:
        # then two "<5" that must add up to 2 are both 1.
        lows_nonzero = [max(low, 1) for low in lows]
        return total in (sum(lows), sum(lows_nonzero), sum(highs))

    changed = True
    while changed:
        changed = False
        for eq in equations:
            if not pinned(eq):
                continue
            candidates = [item for item in eq if not is_hidden(item)]
            if not candidates:
                continue
            # A zero shown as "<5" is true and costs nothing; otherwise the smallest count.
            choice = min(candidates, key=lambda it: (value(it) != 0, value(it), it))
            hide(choice)
            changed = True
    exposed = [i for i in range(rows) if pinned(equations[i]) and any(hidden[i])]
    return hidden, hidden_t, exposed


# Published figures --------------------------------------------------------------------------
#
# What the public sees of a focus area is rounded as well as suppressed. Suppression alone
# leaves exact counts that add up: with the size public, two small cells summing to 2 are both
# 1. Rounding every shown figure to base 5 (half up: 5-7 -> 5, 8-12 -> 10) breaks the sums, so
# that every hidden cell keeps several possible values, whatever the other shown figures are.
# Rounding does not stop differencing between two publications (a cell moving from "<5" to 5
# after k known answers): callers publish again only after many answers changed (see
# dialog.concerns.services.runs.publish_figures).

ROUNDING_BASE = 5


@dataclass(frozen=True)
class PublishedFigures:
    """A group's size and its cells as they may be published."""

    size: Count
    cells: dict[str, Count]


def round_to_base(value: int, base: int = ROUNDING_BASE) -> int:
    """Round half up to a multiple of `base`."""
    return ((2 * value + base) // (2 * base)) * base


def published_count(value: int) -> Count:
    """0 stays 0; 1-4 become "<5"; anything larger is rounded to base 5."""
    if value < 0:
        raise ValueError("a count cannot be negative")
    if value == 0:
        return 0
    return SMALL if value < MIN_SHOWN else round_to_base(value)


def publishable(size: int, cells: dict[str, int]) -> PublishedFigures:
    """Rounded, suppressed figures of one group; a group under five gets no breakdown.

    Rounding leaves a hidden cell several possible values in almost every table; where the
    other figures still pin one (two "<5" cells beside cells at the bottom of their bands),
    the smallest shown cell is withheld as ".." until none is pinned, and if that cannot be
    done the breakdown is left out.
    """
    if sum(cells.values()) != size:
        raise ValueError("the cells must add up to the size")
    shown_size = published_count(size)
    if size < MIN_SHOWN:
        return PublishedFigures(shown_size, {})
    shown: dict[str, Count] = {group: published_count(n) for group, n in cells.items()}
    while any(len(feasible_values(shown_size, shown, g)) <= 1
              for g, v in shown.items() if v == SMALL):
        candidates = [g for g, v in shown.items() if isinstance(v, int) and v > 0]
        if not candidates:
            return PublishedFigures(shown_size, {})
        smallest = min(candidates, key=lambda g: (cells[g], g))
        shown[smallest] = WITHHELD
    return PublishedFigures(shown_size, shown)


def possible_values(shown: Count, most: int = 10**6) -> range:
    """Every true count a published figure may stand for (as a reader can work out);
    `most` bounds a withheld ("..") figure."""
    if shown == SMALL:
        return range(1, MIN_SHOWN)
    if shown == WITHHELD:
        return range(MIN_SHOWN, max(MIN_SHOWN, most) + 1)
    if not isinstance(shown, int):
        raise ValueError(f"not a published count: {shown!r}")
    if shown == 0:
        return range(0, 1)
    low = max(MIN_SHOWN, shown - ROUNDING_BASE // 2)
    return range(low, shown + (ROUNDING_BASE - 1) // 2 + 1)


def feasible_values(size: Count, cells: dict[str, Count], group: str) -> list[int]:
    """The values of `group`'s cell that some true table behind the published figures gives.

    Every figure stands for an interval of integers, and a sum of such intervals is again an
    interval, so a value is possible exactly when the others' interval meets size minus it.
    """
    sizes = possible_values(size)
    most = sizes[-1]
    ranges = {g: possible_values(v, most) for g, v in cells.items()}
    low = sum(r[0] for g, r in ranges.items() if g != group)
    high = sum(r[-1] for g, r in ranges.items() if g != group)
    return [v for v in ranges[group] if low <= sizes[-1] - v and sizes[0] - v <= high]
