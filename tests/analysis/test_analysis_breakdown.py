"""Group breakdown: counts, tests, small-cell suppression that cannot be undone."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from analysis import breakdown
from analysis.breakdown import MISSING_GROUP, SMALL, WITHHELD, Breakdown

TOTAL = -99


def make(rows: dict[int, dict[str, int]]) -> tuple[list[int], list[str | None]]:
    """Assignments and group values for a table {cluster: {group: count}}."""
    assignments: list[int] = []
    groups: list[str | None] = []
    for cluster, cells in rows.items():
        for group, count in cells.items():
            assignments += [cluster] * count
            groups += [None if group == "<missing>" else group] * count
    return assignments, groups


def value_ranges(result: Breakdown, small_low: int = 0
                 ) -> dict[tuple[int, str], tuple[int, int]] | None:
    """Smallest and largest value each hidden cell can take in any table consistent with what
    is shown (visible cells, public cluster sizes, visible group totals, the grand total and
    the markers' ranges), found by integer programming: the attacker's best effort."""
    keys: list[tuple[int, str]] = []
    bounds: list[tuple[int, int]] = []
    for row in result.clusters:
        for cell in row.cells:
            if isinstance(cell.count, str):
                keys.append((row.cluster_id, cell.group))
                bounds.append((small_low, 4) if cell.count == SMALL else (5, result.total))
    for group, shown in result.group_totals.items():
        if isinstance(shown, str):
            keys.append((TOTAL, group))
            bounds.append((1, 4) if shown == SMALL else (5, result.total))
    index = {key: i for i, key in enumerate(keys)}
    rows_a: list[np.ndarray] = []
    rhs: list[float] = []

    def equation(items: list[tuple[tuple[int, str], int]], constant: float) -> None:
        # sum(sign * item) == constant, with visible items already moved to the constant.
        a = np.zeros(len(keys))
        for key, sign in items:
            a[index[key]] += sign
        rows_a.append(a)
        rhs.append(constant)

    for row in result.clusters:
        hidden = [((row.cluster_id, c.group), 1) for c in row.cells if isinstance(c.count, str)]
        visible = sum(c.count for c in row.cells if isinstance(c.count, int))
        equation(hidden, row.size - visible)
    for group in result.groups:
        hidden = [((r.cluster_id, group), 1) for r in result.clusters
                  if isinstance(r.counts()[group], str)]
        visible = sum(v for r in result.clusters if isinstance(v := r.counts()[group], int))
        shown = result.group_totals[group]
        if isinstance(shown, int):
            equation(hidden, shown - visible)
        else:
            equation([*hidden, ((TOTAL, group), -1)], -visible)
    hidden_totals = [((TOTAL, g), 1) for g, v in result.group_totals.items()
                     if isinstance(v, str)]
    visible_totals = sum(v for v in result.group_totals.values() if isinstance(v, int))
    equation(hidden_totals, result.total - visible_totals)
    constraints = LinearConstraint(np.array(rows_a), rhs, rhs)
    lo, hi = zip(*bounds, strict=True)
    ranges = {}
    for key, i in index.items():
        c = np.zeros(len(keys))
        extremes = []
        for sign in (1, -1):
            c[i] = sign
            res = milp(c, constraints=constraints, integrality=np.ones(len(keys)),
                       bounds=Bounds(lo, hi))
            if not res.success:  # no table fits this reader's assumption: it learns nothing
                assert small_low > 0
                return None
            extremes.append(round(sign * res.fun))
        ranges[key] = (extremes[0], extremes[1])
    return ranges


TABLES = [
    {0: {"kvinna": 40, "man": 30, "annan": 3}, 1: {"kvinna": 20, "man": 25, "annan": 0},
     -1: {"kvinna": 6, "man": 7, "annan": 0}},
    {0: {"kvinna": 12, "man": 9, "annan": 2, "vill ej ange": 1},
     1: {"kvinna": 8, "man": 11, "annan": 1, "vill ej ange": 0},
     2: {"kvinna": 3, "man": 6, "annan": 0, "vill ej ange": 0}},
    {0: {"kvinna": 1, "man": 20}, 1: {"kvinna": 30, "man": 25}},
    {0: {"kvinna": 4, "man": 3}, 1: {"kvinna": 30, "man": 25}, 2: {"kvinna": 9, "man": 10}},
    {0: {"kvinna": 4, "man": 4, "annan": 0}, 1: {"kvinna": 30, "man": 25, "annan": 6},
     2: {"kvinna": 9, "man": 10, "annan": 7}},
    # Size 8 = 6 + <5 + <5: read as 1-4 each, both hidden cells would be 1.
    {0: {"kvinna": 6, "man": 1, "annan": 1}, 1: {"kvinna": 30, "man": 25, "annan": 6},
     2: {"kvinna": 9, "man": 10, "annan": 7}},
    {0: {"kvinna": 2, "man": 1, "annan": 1, "vill ej ange": 0, "<missing>": 9},
     1: {"kvinna": 12, "man": 15, "annan": 0, "vill ej ange": 1, "<missing>": 3}},
]


@pytest.mark.parametrize("table", TABLES)
def test_small_counts_show_as_under_five_and_cannot_be_worked_out(
    table: dict[int, dict[str, int]],
) -> None:
    result = breakdown(*make(table))
    assert result.exposed == []
    for row in result.clusters:
        for cell in row.cells:
            true = table[row.cluster_id][
                "<missing>" if cell.group == MISSING_GROUP else cell.group]
            if 1 <= true <= 4:
                assert cell.count == SMALL
                assert cell.share is None and cell.p_value is None
            elif isinstance(cell.count, int):
                assert cell.count == true
            else:
                assert cell.count in (SMALL, WITHHELD)
                assert (true < 5) == (cell.count == SMALL)
    for small_low in (0, 1):  # "<5" read as 0-4, or as 1-4 by a reader who assumes zeros show
        ranges = value_ranges(result, small_low)
        for key, (low, high) in (ranges or {}).items():
            group = "<missing>" if key[1] == MISSING_GROUP else key[1]
            true = (table[key[0]][group] if key[0] != TOTAL
                    else sum(r[group] for r in table.values()))
            if 1 <= true <= 4:
                assert low < high, f"{key} can be recomputed"


def test_a_single_small_cell_forces_a_second_one_in_its_row() -> None:
    result = breakdown(*make(TABLES[2]))
    row = result.row(0)
    assert row.counts()["kvinna"] == SMALL
    assert row.counts()["man"] == WITHHELD


def test_a_cluster_pinned_by_its_public_size_is_reported() -> None:
    result = breakdown(*make({0: {"kvinna": 4, "man": 4}, 1: {"kvinna": 30, "man": 25}}))
    assert result.exposed == [0]
    assert breakdown(*make(TABLES[0])).exposed == []


def test_other_genders_and_missing_values_are_their_own_groups() -> None:
    table = {0: {"kvinna": 30, "man": 20, "annan könstillhörighet": 12, "vill ej ange": 8,
                 "<missing>": 6},
             1: {"kvinna": 10, "man": 30, "annan könstillhörighet": 7, "vill ej ange": 9,
                 "<missing>": 5}}
    result = breakdown(*make(table))
    assert result.groups == ["man", "kvinna", "annan könstillhörighet", "vill ej ange",
                             MISSING_GROUP]
    assert result.row(0).counts()["annan könstillhörighet"] == 12
    assert result.group_totals[MISSING_GROUP] == 11


def test_a_group_raising_a_concern_more_often_is_flagged() -> None:
    table = {0: {"kvinna": 60, "man": 15, "annan": 10}, 1: {"kvinna": 40, "man": 85, "annan": 10}}
    result = breakdown(*make(table))
    women = next(c for c in result.row(0).cells if c.group == "kvinna")
    men = next(c for c in result.row(0).cells if c.group == "man")
    assert women.share == 0.6 and women.raises_more
    assert women.difference is not None and women.difference_ci is not None
    assert women.difference_ci[0] > 0 and women.p_value is not None and women.p_value < 0.05
    assert women.share_ci is not None and women.share_ci[0] < 0.6 < women.share_ci[1]
    assert not men.raises_more
    other = next(c for c in result.row(0).cells if c.group == "annan")
    assert other.share == 0.5 and not other.raises_more


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError):
        breakdown([0, 1], ["kvinna"])
